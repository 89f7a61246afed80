/**
 * Four suites: unit tests (TypeScript, nock), the property sweeps (the same kind of tests over
 * thousands of generated inputs, `*.property.test.ts` beside the unit tests, slow), the vendor
 * sandbox's own tests, and end-to-end tests that run the packed node inside real n8n installs
 * (slow: the first run installs n8n).
 */
const typescript = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/setup/n8n-core.js'],
};

const unit = {
	...typescript,
	displayName: 'unit',
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['\\.property\\.test\\.ts$'],
};

const properties = {
	...typescript,
	displayName: 'properties',
	testMatch: ['**/*.property.test.ts'],
};

const sandbox = {
	displayName: 'sandbox',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/sandbox'],
	testMatch: ['**/*.test.js'],
};

const e2e = {
	displayName: 'e2e',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.js'],
	// Builds and packs the package and installs the pinned n8n versions (first run: about 11 min).
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	// The dropdown test runs n8n-core's LoadOptionsContext, which starts a timer Jest must not wait for.
	setupFilesAfterEnv: ['<rootDir>/test/setup/n8n-core.js'],
};

// n8n-core keeps instance settings in the user folder; never touch the real ~/.n8n from tests.
process.env.N8N_USER_FOLDER ??= require('node:fs').mkdtempSync(
	require('node:path').join(require('node:os').tmpdir(), 'contact-upsert-jest-'),
);

process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

const selected = (process.env.TEST_SUITES || 'unit,properties,sandbox,e2e').split(',');
module.exports = {
	// Property tests run the node many times over; on a loaded two-core CI machine 5 s is too short,
	// and a test cut off mid-run leaves requests behind that the next test's nock guard sees. (A
	// global option: Jest ignores it inside a project.) End-to-end tests set their own.
	testTimeout: 30_000,
	projects: [unit, properties, sandbox, e2e].filter((project) =>
		selected.includes(project.displayName),
	),
};
