'use strict';
/**
 * One running n8n per describe block for the webhook spike suites (scripts/lib/spike): in
 * regular mode (`n8n start`, SQLite) or queue mode (Redis + PostgreSQL + main + workers), with
 * the packed package installed into its user folder, the spike workflows imported and activated,
 * and the vendor sandbox beside it. Everything it starts is stopped in afterAll, also when the
 * start-up failed half-way.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createSandbox } = require('../../../sandbox/server');
const { logger, seconds } = require('../../../scripts/lib/log');
const { runSpike } = require('../../../scripts/lib/spike/run');
const { startInstance } = require('../../../scripts/lib/spike/instance');
const spikeWorkflows = require('../../../scripts/lib/spike/workflows');
const { packedPackage } = require('./package-under-test');

// Package install, imports, activation and the n8n processes on a loaded two-core machine.
const START_TIMEOUT_MS = 10 * 60 * 1000;
const STOP_TIMEOUT_MS = 2 * 60 * 1000;
const log = logger('e2e');

/**
 * @param {{ mode: 'regular'|'queue', major: 'v1'|'v2', label: string, workflows: object[],
 *   workers?: number, concurrency?: number }} options
 * @returns {{ sandbox, batchSandbox, instance: () => object }} the sandboxes (the batch workflow's
 *   vendor account is on batchSandbox), and the instance once started
 */
function useSpikeInstance({ mode, major, label, workflows, workers, concurrency }) {
	const sandbox = createSandbox();
	// The batch workflow's vendor account (see scripts/lib/spike/workflows.js).
	const batchSandbox = createSandbox();
	let instance = null;
	let userFolder = null;

	beforeAll(async () => {
		await sandbox.listen();
		await batchSandbox.listen();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `contact-upsert-spike-${mode}-${major}-`));
		const started = Date.now();
		instance = await startInstance({
			mode,
			major,
			userFolder,
			tgz: packedPackage(),
			sandbox,
			credentials: (spikeSandbox) => spikeWorkflows.credentialRecords(spikeSandbox, batchSandbox),
			workflows,
			webhookPaths: workflows.map(spikeWorkflows.webhookPath),
			workers,
			concurrency,
		});
		log(`${label}: ${mode} mode ready in ${seconds(Date.now() - started)}`);
	}, START_TIMEOUT_MS);

	afterAll(async () => {
		try {
			if (instance) await instance.stop();
		} finally {
			await Promise.all([sandbox.close(), batchSandbox.close()]);
			if (userFolder && process.env.E2E_KEEP_USER_FOLDER !== '1') {
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
		}
	}, STOP_TIMEOUT_MS);

	return {
		sandbox,
		batchSandbox,
		instance: () => {
			if (!instance) throw new Error(`the ${mode} mode n8n did not start (see beforeAll)`);
			return instance;
		},
	};
}

/** One line of figures for the CI log. */
function logRun(label, what, result) {
	const share = (result.requests.share429 * 100).toFixed(0);
	const later = (result.requests.share429AfterFirstWindow * 100).toFixed(0);
	const wall = result.wallMs === null ? '–' : seconds(result.wallMs);
	const workers = result.workers.length
		? `, executions per worker ${result.workers.join(' / ')}`
		: '';
	log(
		`${label}: ${what}: ${result.contacts.stored}/${result.contacts.expected} contacts stored, ` +
			`executions ${JSON.stringify(result.executions.byStatus)}, ${result.requests.total} vendor requests ` +
			`(${share} % 429, ${result.requests.firstWindow429} of them in the first window, ${later} % after it), wall ${wall} against a floor of ${seconds(result.floorMs)}${workers}`,
	);
	if (result.calls.failed.length > 0) {
		const first = result.calls.failed
			.slice(0, 3)
			.map((call) => call.error || `HTTP ${call.status}`);
		log(
			`${label}: ${what}: ${result.calls.failed.length} webhook calls failed, e.g. ${first.join('; ')}`,
		);
	}
	if (result.contacts.lost.length > 0) {
		log(`${label}: ${what}: lost, first ones: ${result.contacts.lost.slice(0, 5).join(', ')}`);
	}
}

/**
 * What a user must see after a spike or batch: every webhook call accepted, every execution
 * finished and successful, every contact stored, none twice, nothing else. One object, so a
 * failure shows every difference at once.
 */
function outcome(result) {
	return {
		webhookCallsFailed: result.calls.failed.length,
		executionsSettled: result.executions.settled,
		executionsByStatus: result.executions.byStatus,
		contactsLost: result.contacts.lost.length,
		contactsStoredTwice: result.contacts.duplicates,
		contactsNobodySent: result.contacts.unexpected,
	};
}

/** `outcome()` of a run in which all went well: `executions` successful executions. */
function cleanOutcome(executions) {
	return {
		webhookCallsFailed: 0,
		executionsSettled: true,
		executionsByStatus: { success: executions },
		contactsLost: 0,
		contactsStoredTwice: [],
		contactsNobodySent: [],
	};
}

/**
 * A suite's webhook spike: `count` simultaneous calls to `workflow`, one contact each, against
 * `rateLimit`; logged for CI, then every contact stored exactly once and no execution failed.
 * Returns the run's figures for a suite's own further checks.
 */
async function expectCleanSpike({
	instance,
	sandbox,
	workflow,
	mode,
	major,
	label,
	count,
	rateLimit,
	settleMs,
}) {
	const result = await runSpike({
		instance,
		sandbox,
		workflow,
		path: spikeWorkflows.webhookPath(workflow),
		contacts: spikeWorkflows.spikeContacts(`${mode}-${major}`, count),
		rateLimit,
		settleMs,
		label: `e2e ${major} ${mode}`,
	});
	logRun(label, `${mode}-mode spike of ${count}`, result);
	expect(outcome(result)).toEqual(cleanOutcome(count));
	return result;
}

module.exports = { useSpikeInstance, expectCleanSpike, logRun, outcome, cleanOutcome };
