'use strict';
/**
 * The packed package inside real n8n, installed the way users install community packages, against
 * the in-process vendor sandbox. One describe block per pinned n8n (1.x on Node 20, 2.x on Node 24),
 * run one after the other: each boots n8n for every CLI call, and the machines have two cores.
 * The cases live in ./cases, one file per concern.
 */
const { createSandbox } = require('../../sandbox/server');
const { credentialRecords } = require('./lib/credentials');
const { useN8n } = require('./lib/n8n-fixture');
const { selectedMajors, describeMajor } = require('./lib/versions');
const { packageInstallCases } = require('./cases/package-install');
const { providerCases } = require('./cases/providers');
const { errorOutputCases } = require('./cases/error-output');
const { credentialCases } = require('./cases/credentials');
const { repeatedUpsertCases } = require('./cases/repeated-upserts');
const { phoneCases } = require('./cases/phones');
const { faultCases } = require('./cases/faults');
const { redirectCases } = require('./cases/redirects');
const { oneStepCases } = require('./cases/one-step');
const { skipUnchangedCases } = require('./cases/skip-unchanged');

// One test runs up to a few n8n CLI calls of 2–5 s each; generous for a loaded CI machine.
jest.setTimeout(2 * 60 * 1000);

describe.each(selectedMajors().map((major) => [describeMajor(major), major]))(
	'%s',
	(_label, major) => {
		const sandbox = createSandbox();
		beforeAll(() => sandbox.listen());
		// Every case starts from empty vendor stores and an empty request log.
		beforeEach(() => sandbox.reset());
		afterAll(() => sandbox.close());

		const n8n = useN8n(major, { sandbox, credentials: credentialRecords });

		packageInstallCases(n8n);
		providerCases(n8n, sandbox);
		errorOutputCases(n8n, sandbox);
		credentialCases(n8n, sandbox);
		repeatedUpsertCases(n8n, sandbox);
		phoneCases(n8n, sandbox);
		faultCases(n8n, sandbox);
		redirectCases(n8n, sandbox);
		oneStepCases(n8n, sandbox);
		skipUnchangedCases(n8n, sandbox);
	},
);
