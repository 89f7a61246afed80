#!/usr/bin/env node
'use strict';
/**
 * npm run bench:skip-unchanged [-- --contacts N] [--changed-every N] [--n8n v1|v2] [--no-build]
 *
 * A nightly sync run twice inside a real n8n (`n8n execute`) against the sandbox's ChatbotX
 * (20 ms latency, no rate limit, Concurrency 10): N contacts (20,000), then the same contacts
 * with one in every 100 renamed (1 %). The same two runs with Options → Skip Unchanged Contacts
 * on and off, in one n8n user folder; between the runs both workflows are imported again with
 * the changed rows (same node ids: n8n keeps the node's memory). Prints requests and the node's
 * wall time of each run, and the second run with the option against the second run without it,
 * measured in this same run. Raw figures: .cache/bench/skip-unchanged.json.
 */

const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../lib/n8n');
const { parseArgs, usageError } = require('../lib/args');
const { note } = require('../lib/log');
const { ROOT } = require('../lib/paths');
const { fail } = require('../lib/steps');
const { chatbotxUpsertNode } = require('../lib/workflow-nodes');
const setup = require('./setup');
const { createProbe, measureRun } = require('./measure');
const { fmt, table, machineLines, noiseLine } = require('./report');
const { TARGET, ITEMS, CREDENTIALS, benchWorkflow } = require('./workflows');

const CONCURRENCY = 10;
const SANDBOX = { chatbotx: { latencyMs: 20, rateLimit: false } };

function wholeNumber(min, max) {
	return (value, flag) => {
		const number = Number(value);
		if (!Number.isInteger(number) || number < min || number > max) {
			throw usageError(`${flag} must be a whole number from ${min} to ${max}`);
		}
		return number;
	};
}

const ARGS = {
	contacts: { value: true, default: 20000, parse: wholeNumber(100, 200000) },
	'changed-every': { value: true, default: 100, parse: wholeNumber(2, 100000) },
	n8n: { value: true, default: 'v1', choices: n8n.MAJORS },
	'no-build': {},
	help: {},
};

const USAGE =
	'usage: npm run bench:skip-unchanged [-- --contacts N] [--changed-every N] [--n8n v1|v2] [--no-build]';

const say = (text = '') => process.stdout.write(`${text}\n`);

/** The Items node: `count` contacts; on the second night every `changedEvery`-th is renamed. */
function itemsCode(count, changedEvery, night) {
	return [
		`const count = ${Number(count)};`,
		'const items = new Array(count);',
		'for (let i = 0; i < count; i++) {',
		night === 2
			? `  const name = i % ${Number(changedEvery)} === 0 ? \`User \${i} (renamed)\` : \`User \${i}\`;`
			: '  const name = `User ${i}`;',
		'  items[i] = { json: { identifier: `email:user${i}@example.com`, firstName: name } };',
		'}',
		'return items;',
	].join('\n');
}

function syncWorkflow(id, name, count, skipUnchanged) {
	const target = chatbotxUpsertNode({
		name: TARGET,
		identifier: '={{ $json.identifier }}',
		firstName: '={{ $json.firstName }}',
		options: { concurrency: CONCURRENCY, ...(skipUnchanged ? { skipUnchanged: true } : {}) },
		credential: CREDENTIALS.chatbotx,
	});
	return benchWorkflow(id, name, count, target);
}

/** The same workflow (every node id kept) with the Items node of `night`. */
function forNight(workflow, count, changedEvery, night) {
	return {
		...workflow,
		nodes: workflow.nodes.map((entry) =>
			entry.name === ITEMS
				? { ...entry, parameters: { jsCode: itemsCode(count, changedEvery, night) } }
				: entry,
		),
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2), ARGS);
	if (args.help) {
		say(USAGE);
		return;
	}
	const { contacts, n8n: major } = args;
	const changedEvery = args['changed-every'];
	const changed = Math.ceil(contacts / changedEvery);
	const workflows = {
		on: forNight(
			syncWorkflow('benchSkipUnchOn1', 'sync, Skip Unchanged Contacts on', contacts, true),
			contacts,
			changedEvery,
			1,
		),
		off: forNight(
			syncWorkflow('benchSkipUnchOff', 'sync, Skip Unchanged Contacts off', contacts, false),
			contacts,
			changedEvery,
			1,
		),
	};
	const sandbox = await setup.startSandbox();
	const probe = createProbe(sandbox);
	try {
		const { userFolder } = await setup.prepareUserFolder({
			major,
			build: !args['no-build'],
			sandbox,
			workflows: Object.values(workflows),
			report: (label, fn) => {
				note(`${label}…`);
				return fn();
			},
		});
		say(machineLines({ n8nVersion: n8n.n8nVersion(major), major }).join('\n'));
		const runs = {};
		const measure = async (key, workflow) => {
			note(`${key}…`);
			runs[key] = await measureRun({
				major,
				userFolder,
				sandbox,
				probe,
				workflowId: workflow.id,
				sandboxConfig: SANDBOX,
			});
			if (runs[key].failed > 0)
				throw new Error(`${key}: ${runs[key].failed} items failed: ${runs[key].firstError}`);
		};
		await measure('night 1, option off', workflows.off);
		await measure('night 1, option on', workflows.on);
		note('importing both workflows again with the second night’s rows…');
		await n8n.importWorkflows(major, userFolder, [
			forNight(workflows.on, contacts, changedEvery, 2),
			forNight(workflows.off, contacts, changedEvery, 2),
		]);
		await measure('night 2, option off', workflows.off);
		await measure('night 2, option on', workflows.on);

		const offSecond = runs['night 2, option off'];
		const rows = Object.entries(runs).map(([key, run]) => [
			key,
			fmt.int(run.requests),
			fmt.seconds(run.nodeMs),
			key.startsWith('night 2, option on')
				? fmt.ratio(run.nodeMs / offSecond.nodeMs)
				: key === 'night 1, option on'
					? fmt.ratio(run.nodeMs / runs['night 1, option off'].nodeMs)
					: '1.00×',
		]);
		say();
		say(
			`Skip Unchanged Contacts: ${contacts.toLocaleString('en-US')} contacts, ${changed.toLocaleString('en-US')} renamed before night 2 (1 in ${changedEvery}); sandbox latency 20 ms, Concurrency ${CONCURRENCY}`,
		);
		say(table(['run', 'requests', 'node time', 'vs the same night, option off'], rows).join('\n'));
		for (const line of noiseLine({ runs: Object.values(runs) })) say(line);
		const file = path.join(ROOT, '.cache', 'bench', 'skip-unchanged.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const compact = Object.fromEntries(
			Object.entries(runs).map(([key, { answers, ...run }]) => [key, run]),
		);
		fs.writeFileSync(
			file,
			`${JSON.stringify({ contacts, changedEvery, major, runs: compact }, null, 2)}\n`,
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => fail(error, USAGE));
