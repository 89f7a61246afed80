#!/usr/bin/env node
'use strict';
/**
 * npm run demo [-- --n8n v2]
 *
 * Upserts a sample contact list through a real n8n into the vendor sandbox and prints what
 * happened per provider. Everything runs locally: the package is built and packed, installed
 * into a fresh n8n user folder (node_modules/.cache/contact-upsert/demo/<v1|v2>) the way n8n installs community nodes, and
 * examples/demo-sync.workflow.json is executed with `n8n execute`.
 */

const n8n = require('./lib/n8n');
const { parseArgs } = require('./lib/args');
const { seconds } = require('./lib/log');
const { userFolder: userFolderFor } = require('./lib/paths');
const { step, stepReporter, fail } = require('./lib/steps');
const workspace = require('./lib/workspace');
const { summarize, formatSummary } = require('./lib/demo-summary');

const WORKFLOW_FILE = 'demo-sync.workflow.json';
// The node whose output is the contact list (the summary counts rows and finds unrouted ones).
const ROWS_NODE = 'Sample contacts';
const USAGE = 'usage: npm run demo [-- --n8n v1|v2]';

async function main() {
	const args = parseArgs(process.argv.slice(2), {
		n8n: { value: true, default: 'v1', choices: n8n.MAJORS },
		help: {},
	});
	if (args.help) {
		process.stdout.write(
			`${USAGE}\n  --n8n v1   n8n 1.x on this Node (default)\n  --n8n v2   n8n 2.x on a Node 24 it installs\n`,
		);
		return;
	}
	const major = args.n8n;
	const userFolder = userFolderFor('demo', major);
	const workflow = workspace.readExample(WORKFLOW_FILE);
	const timings = [];
	const started = Date.now();

	process.stdout.write(`Contact Upsert demo: examples/${WORKFLOW_FILE} on n8n ${major}\n`);
	if (!n8n.isInstalled(major)) {
		process.stdout.write(`  (first run: installing n8n ${major} into .cache/n8n, a few minutes)\n`);
	}
	// A fresh user folder each run: a new database holding only what this run imports.
	const { sandbox } = await workspace.prepare({
		major,
		userFolder,
		fresh: true,
		workflows: [workflow],
		report: stepReporter(timings),
	});
	try {
		const before = sandbox.contacts();
		const execution = await step(timings, 'n8n execute', () =>
			n8n.executeWorkflow(major, userFolder, workflow.id),
		);
		const after = sandbox.contacts();
		const summary = summarize({
			workflow,
			resultData: execution.resultData,
			rows: (execution.output[ROWS_NODE] || [[]])[0],
			before,
			after,
		});
		process.stdout.write(`\n${formatSummary(summary).join('\n')}\n`);
		if (summary.providers.every((provider) => provider.rows === 0)) {
			throw new Error('The workflow ran, but no row reached a Contact Upsert node.');
		}
		const requests = sandbox.requests().length;
		process.stdout.write(
			`\n${summary.rows} rows, ${requests} vendor requests, total ${seconds(Date.now() - started)}.\n` +
				`See it in the editor: npm start, then open "${workflow.name}".\n`,
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => fail(error, USAGE));
