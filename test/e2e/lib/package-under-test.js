'use strict';
/**
 * Hands the packed tarball from the jest globalSetup to the test files. A file rather than an
 * environment variable: test workers may already be running with the environment they started with.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../../../scripts/lib/paths');

const INFO_FILE = path.join(ROOT, '.cache', 'e2e', 'package-under-test.json');

function recordPackedPackage(tgzPath) {
	fs.mkdirSync(path.dirname(INFO_FILE), { recursive: true });
	fs.writeFileSync(
		INFO_FILE,
		`${JSON.stringify({ tgz: tgzPath, packedAt: new Date().toISOString() }, null, 2)}\n`,
	);
}

/** Path of the tarball this jest run packed (see test/e2e/global-setup.js). */
function packedPackage() {
	let info;
	try {
		info = JSON.parse(fs.readFileSync(INFO_FILE, 'utf8'));
	} catch {
		throw new Error(
			`${path.relative(ROOT, INFO_FILE)} is missing: run the e2e tests through jest (TEST_SUITES=e2e npx jest), whose globalSetup builds and packs the package`,
		);
	}
	if (!fs.existsSync(info.tgz)) throw new Error(`The packed package ${info.tgz} is gone`);
	return info.tgz;
}

module.exports = { recordPackedPackage, packedPackage };
