'use strict';
/**
 * One real n8n per describe block, prepared the way a user's instance would be:
 *
 *  - a fresh user folder (its own SQLite database and encryption key),
 *  - the packed package installed into <userFolder>/.n8n/nodes like n8n's "Install community node",
 *  - the sandbox credentials and every workflow of the block imported before the first test.
 *
 * Each n8n CLI call boots n8n (2–5 s), so all workflows are imported in one `import:workflow`
 * call: tests register their workflows with `n8n.workflow(…)` while jest collects them (in the
 * describe body) and run them with `n8n.execute(…)`. Timings go to stderr for the CI log.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const n8n = require('../../../scripts/lib/n8n');
const { logger, seconds } = require('../../../scripts/lib/log');
const workspace = require('../../../scripts/lib/workspace');
const { packedPackage } = require('./package-under-test');

const SETUP_TIMEOUT_MS = 5 * 60 * 1000;
const log = logger('e2e');

/**
 * @param {'v1'|'v2'} major
 * @param {{ sandbox: object, credentials: (sandbox) => object[] }} options  the listening sandbox
 *   and the credential records for it (read in beforeAll: the URL is known once it listens)
 */
function useN8n(major, { sandbox, credentials }) {
	const label = n8n.describeMajor(major);
	const workflows = [];
	const timings = { install: 0, credentials: 0, workflows: 0, nodeTypes: 0, executions: [] };
	let userFolder = null;
	let imported = false;

	beforeAll(async () => {
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `contact-upsert-e2e-${major}-`));
		// The path the demo and `npm start` take, from the tarball the global set-up packed.
		const stageTimings = {};
		await workspace.prepare({
			major,
			userFolder,
			tgz: packedPackage(),
			sandbox,
			credentials,
			workflows,
			report: async (stage, fn) => {
				const started = Date.now();
				const result = await fn();
				stageTimings[stage] = Date.now() - started;
				return result;
			},
		});
		timings.install = stageTimings['install into user folder'];
		timings.credentials = stageTimings['import credentials'];
		timings.workflows = stageTimings['import workflows'];
		imported = true;
		log(
			`${label}: package installed into the user folder in ${seconds(timings.install)}, ` +
				`credentials imported in ${seconds(timings.credentials)}, ` +
				`${workflows.length} workflows imported in ${seconds(timings.workflows)}`,
		);
	}, SETUP_TIMEOUT_MS);

	afterAll(() => {
		const runs = timings.executions;
		const total = runs.reduce((sum, ms) => sum + ms, 0);
		log(
			`${label}: ${runs.length} executions in ${seconds(total)}` +
				(runs.length ? ` (${seconds(total / runs.length)} each on average)` : '') +
				(timings.nodeTypes ? `, export:nodes ${seconds(timings.nodeTypes)}` : ''),
		);
		if (!userFolder) return;
		if (process.env.E2E_KEEP_USER_FOLDER === '1')
			log(`${label}: user folder kept at ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	});

	return {
		major,
		label,

		/** Registers a workflow for the import before the first test; returns it. */
		workflow(definition) {
			if (imported) {
				throw new Error(
					'n8n.workflow() was called after the import: register workflows in a describe body, not in a test',
				);
			}
			workflows.push(definition);
			return definition;
		},

		/**
		 * `n8n execute` of a registered workflow, parsed (see scripts/lib/n8n/cli.js executeWorkflow).
		 * Rejects when the execution failed; the error carries `result` (stdout, stderr) and
		 * `resultData`.
		 */
		async execute(workflow) {
			if (!workflows.includes(workflow))
				throw new Error(`workflow "${workflow.name}" was not registered`);
			const started = Date.now();
			try {
				return await n8n.executeWorkflow(major, userFolder, workflow.id);
			} finally {
				timings.executions.push(Date.now() - started);
			}
		},

		/**
		 * Imports registered workflows again, changed (same ids, same node ids), as a user saves an
		 * edited workflow: n8n keeps what belongs to the workflow, such as its nodes' stored data.
		 */
		async reimport(changed) {
			for (const workflow of changed) {
				if (!workflows.some((registered) => registered.id === workflow.id))
					throw new Error(`workflow "${workflow.name}" was not registered`);
			}
			await n8n.importWorkflows(major, userFolder, changed);
		},

		/** The node types n8n registered from this package (`n8n export:nodes`). */
		async packageNodeTypes() {
			const started = Date.now();
			try {
				return await n8n.listNodeTypes(major, userFolder, {
					packageName: 'n8n-nodes-contact-upsert',
				});
			} finally {
				timings.nodeTypes = Date.now() - started;
			}
		},
	};
}

module.exports = { useN8n };
