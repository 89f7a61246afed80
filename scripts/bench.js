#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --quick] [--runs N] [--only 1,3,5] [--no-build] [--n8n v1|v2] [--through-n8n]
 *   [--spike CALLS/LIMIT/WINDOW_S] [--cpu-prof DIR]
 *
 * Runs Contact Upsert inside a real n8n (`n8n execute`; 1.x, or 2.x with --n8n v2) against the
 * local vendor sandbox's ChatbotX and prints a table per scenario, with the baselines measured in
 * the same run:
 *
 *   1. 2,000 items at 20 ms latency, concurrency 10: wall time vs the floor and vs n8n's HTTP
 *      Request node sending the same requests (Batching 10 items / 0 ms, and 10 / 20 ms, which
 *      keeps about as many requests in flight); CPU per item (n8n process, minus a no-op run)
 *   2. 1,000 items under 120 requests / 10 s: failed items and wall time vs the limit's floor
 *   3. 20,000 items: peak RSS of the n8n process vs the same workflow with a NoOp node
 *   4. a webhook spike of 200 simultaneous calls (one contact each) under 30 requests / 10 s, in
 *      regular mode and in queue mode with 2 workers (Redis, PostgreSQL): contacts lost, share of
 *      429s (and those in the first window) and wall time vs the limit's floor, against n8n's HTTP
 *      Request node with Retry On Fail
 *   5. only with --only 5 (minutes): 100,000 items, peak RSS, retained heap and wall time against
 *      n8n's HTTP helper alone
 *
 * The n8n process runs with scripts/bench/preload.js (NODE_OPTIONS=--require) which records its
 * CPU time and peak RSS. The first run installs n8n into .cache/n8n (a few minutes). Figures
 * are printed, not asserted; the raw figures go to .cache/bench/last-run.json.
 */

const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./lib/n8n');
const { parseArgs, usageError } = require('./lib/args');
const { note } = require('./lib/log');
const { ROOT } = require('./lib/paths');
const { fail } = require('./lib/steps');
const setup = require('./bench/setup');
const { createProbe, measureRun, measureRawClient } = require('./bench/measure');
const { buildScenarios } = require('./bench/scenarios');
const { largeScenario } = require('./bench/large');
const { runSpikeScenario } = require('./bench/spike');
const { machineLines, elapsed, noiseLine } = require('./bench/report');

const USAGE =
	'usage: npm run bench [-- --quick] [--runs N] [--only 1,2,3,4,5] [--no-build] [--n8n v1|v2] [--through-n8n] [--spike CALLS/LIMIT/WINDOW_S] [--cpu-prof DIR]';

function parseRuns(value, flag) {
	const runs = Number(value);
	if (!Number.isInteger(runs) || runs < 1 || runs > 10) {
		throw usageError(`${flag} must be a whole number from 1 to 10`);
	}
	return runs;
}

function parseOnly(value, flag) {
	const only = value.split(',').map((s) => s.trim());
	if (only.some((s) => !['1', '2', '3', '4', '5'].includes(s))) {
		throw usageError(`${flag} takes scenario numbers, e.g. ${flag} 1,3`);
	}
	return only;
}

/** `--spike 240/20/10`: scenario 4 with 240 calls against 20 requests per 10 s. */
function parseSpike(text, flag) {
	const match = /^(\d+)\/(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
	if (!match || Number(match[1]) < 1 || Number(match[2]) < 1 || Number(match[3]) <= 0) {
		throw usageError(`${flag} takes CALLS/LIMIT/WINDOW_SECONDS, e.g. ${flag} 240/20/10`);
	}
	return { calls: Number(match[1]), limit: Number(match[2]), windowMs: Number(match[3]) * 1000 };
}

const ARGS = {
	quick: {},
	runs: { value: true, default: 1, parse: parseRuns },
	only: { value: true, default: null, parse: parseOnly },
	'no-build': {},
	n8n: { value: true, default: 'v1', choices: n8n.MAJORS },
	'through-n8n': {},
	spike: { value: true, default: null, parse: parseSpike },
	'cpu-prof': { value: true, default: null },
	help: {},
};

const say = (text = '') => process.stdout.write(`${text}\n`);

async function main() {
	const args = parseArgs(process.argv.slice(2), ARGS);
	if (args.help) {
		say(USAGE);
		say('  --quick      smaller item counts (a smoke run: about a minute once n8n is installed)');
		say('  --runs N     run every measured workflow N times (median and min–max are shown)');
		say('  --only 1,3   only these scenarios (5, the 100,000-item run, only when named)');
		say('  --no-build   use dist/ as it is');
		say('  --n8n v2     measure on n8n 2.x (default: v1, n8n 1.x)');
		say('  --spike 240/20/10  scenario 4 with 240 calls against 20 requests per 10 s');
		say(
			"  --through-n8n  in scenarios 1 and 3, also measure Contact Upsert with its mappings resolved by n8n's",
		);
		say("               expression engine instead of the node's {{ $json.x }} shortcut");
		say('  --cpu-prof DIR  write a V8 CPU profile of every n8n run (its sampling profiler) to');
		say('               DIR/<workflow>-run<N>/ (open the .cpuprofile in Chrome DevTools)');
		return;
	}
	const started = Date.now();
	const major = args.n8n;
	say(`Contact Upsert benchmark${args.quick ? ' (--quick: smaller counts)' : ''}`);

	await setup.ensureDevDependencies(() =>
		note('installing the build tools (npm ci, first run only)…'),
	);
	if (!n8n.isInstalled(major)) note(`installing n8n ${major} (first run only, a few minutes)…`);
	const sandbox = await setup.startSandbox();
	const probe = createProbe(sandbox);
	const all = [
		...buildScenarios({ quick: args.quick, sandbox, throughN8n: args['through-n8n'] }),
		largeScenario({ quick: args.quick, sandbox }),
	];
	// Scenario 5 takes minutes: it runs only when asked for.
	const scenarios = args.only
		? all.filter((s) => args.only.includes(s.key.slice(1)))
		: all.filter((s) => s.key !== 's5');
	const raw = { quick: args.quick, runs: args.runs, scenarios: {} };
	try {
		const { userFolder, tgz } = await setup.prepareUserFolder({
			major,
			build: !args['no-build'],
			sandbox,
			workflows: scenarios.flatMap((scenario) =>
				scenario.units.filter((unit) => unit.workflow).map((unit) => unit.workflow),
			),
			report: (label, fn) => {
				note(`${label}…`);
				return fn();
			},
		});
		say(machineLines({ n8nVersion: n8n.n8nVersion(major), major }).join('\n'));
		const setupMs = Date.now() - started;

		for (const scenario of scenarios) {
			const results = Object.fromEntries(scenario.units.map((unit) => [unit.key, []]));
			// Run r of every unit, then run r + 1: the units of a scenario meet the same machine state.
			for (let run = 1; run <= args.runs; run++) {
				for (const unit of scenario.units) {
					note(`${scenario.key} ${unit.label}${args.runs > 1 ? ` (run ${run})` : ''}…`);
					const result = unit.rawClient
						? await measureRawClient({
								sandbox,
								probe,
								sandboxConfig: scenario.sandboxConfig,
								items: unit.items,
								...unit.rawClient,
							})
						: await measureRun({
								major,
								userFolder,
								sandbox,
								probe,
								workflowId: unit.workflow.id,
								sandboxConfig: scenario.sandboxConfig,
								forceGcMs: unit.forceGcMs,
								cpuProfDir: args['cpu-prof']
									? path.resolve(args['cpu-prof'], `${unit.workflow.id}-run${run}`)
									: null,
							});
					results[unit.key].push(result);
					note(
						`  node ${(result.nodeMs / 1000).toFixed(2)} s, ${result.items} items, ${result.failed} failed, ` +
							`${result.requests} requests, CPU ${(result.cpuMs / 1000).toFixed(2)} s, ` +
							`max RSS ${result.maxRssKiB === null ? '–' : `${Math.round(result.maxRssKiB / 1024)} MiB`}, bench process (sandbox) CPU ${(result.benchCpuMs / 1000).toFixed(2)} s, ` +
							`other processes ${result.otherCores === null ? '?' : result.otherCores.toFixed(2)} cores`,
					);
					if (result.items !== unit.items) {
						throw new Error(
							`${unit.label}: expected ${unit.items} output items (one per input item), got ${result.items}`,
						);
					}
				}
			}
			raw.scenarios[scenario.key] = results;
			say();
			say(scenario.title);
			say([...scenario.report(results), ...noiseLine(results)].join('\n'));
		}
		if (!args.only || args.only.includes('4')) {
			// Runs n8n servers (regular, then queue mode) rather than `n8n execute`: once, whatever --runs says.
			const spike = await runSpikeScenario({
				major,
				quick: args.quick,
				size: args.spike,
				tgz,
				note,
			});
			raw.scenarios.s4 = spike.raw;
			say();
			say(spike.title);
			say(spike.lines.join('\n'));
		}
		const totalMs = Date.now() - started;
		say();
		say(
			`Bench run time ${elapsed(totalMs)} (setup ${elapsed(setupMs)}: build, pack, n8n user folder). ` +
				'Median of the runs; min–max in brackets when --runs > 1.',
		);
	} finally {
		await sandbox.close();
		const file = path.join(ROOT, '.cache', 'bench', 'last-run.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, JSON.stringify(raw));
	}
}

main().catch((error) => fail(error, USAGE));
