'use strict';
/**
 * Scenario 4 of the benchmark: a webhook spike, the way sign-up forms and shop webhooks arrive.
 * SPIKE simultaneous calls to a live webhook, one contact each, against a ChatbotX rate limit,
 * in regular mode (`n8n start`) and in queue mode with two workers, each with Contact Upsert
 * (default options) and with n8n's HTTP Request node (Retry On Fail at its maximum: 5 tries,
 * 5,000 ms apart) sending the same request. Per run: contacts lost, failed executions, the share
 * of 429 answers among the vendor's requests, and the wall time (first call → last vendor answer)
 * against the limit's floor.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startInstance } = require('../lib/spike/instance');
const { runSpike } = require('../lib/spike/run');
const spikeWorkflows = require('../lib/spike/workflows');
const workspace = require('../lib/workspace');
const { table, fmt, elapsed } = require('./report');

const SIZES = {
	full: { calls: 200, limit: 30, windowMs: 10000 },
	quick: { calls: 40, limit: 10, windowMs: 2000 },
};
const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
// Contact Upsert may wait up to 10 minutes per item by default; n8n's retries end far sooner.
const SETTLE_MS = 12 * 60 * 1000;
const MODES = [
	{ mode: 'regular', label: 'regular' },
	{ mode: 'queue', label: `queue, ${WORKERS} workers` },
];
const NODES = [
	{ kind: 'upsert', label: 'Contact Upsert (default options)' },
	{
		kind: 'http',
		label: `HTTP Request (Retry On Fail: ${spikeWorkflows.HTTP_MAX_TRIES} tries, ${spikeWorkflows.HTTP_WAIT_BETWEEN_TRIES_MS / 1000} s apart)`,
	},
];

const n = (value) => value.toLocaleString('en-US');

/** The runs of one mode: one n8n (regular or queue) with both workflows. */
async function runMode({ major, tgz, size, mode, note }) {
	const sandbox = await workspace.startSandbox();
	const workflows = NODES.map(({ kind }) =>
		spikeWorkflows.spikeWorkflow(
			kind,
			`bench4${mode}${kind}`.padEnd(16, '0').slice(0, 16),
			sandbox,
		),
	);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `contact-upsert-bench-spike-${mode}-`));
	let instance = null;
	try {
		note(`s4 starting n8n in ${mode} mode…`);
		const started = Date.now();
		instance = await startInstance({
			mode,
			major,
			userFolder,
			tgz,
			sandbox,
			credentials: spikeWorkflows.credentialRecords,
			workflows,
			webhookPaths: workflows.map(spikeWorkflows.webhookPath),
			workers: WORKERS,
			concurrency: WORKER_CONCURRENCY,
		});
		note(`  ready in ${elapsed(Date.now() - started)}`);
		const results = {};
		for (const [i, { kind, label }] of NODES.entries()) {
			note(`s4 ${mode}: ${label}…`);
			const result = await runSpike({
				instance,
				sandbox,
				workflow: workflows[i],
				path: spikeWorkflows.webhookPath(workflows[i]),
				contacts: spikeWorkflows.spikeContacts(`bench-${mode}-${kind}`, size.calls),
				rateLimit: { limit: size.limit, windowMs: size.windowMs },
				settleMs: SETTLE_MS,
				label: 'bench',
			});
			note(
				`  ${result.contacts.stored}/${size.calls} stored, executions ${JSON.stringify(result.executions.byStatus)}, ` +
					`${result.requests.total} requests, wall ${result.wallMs === null ? '–' : elapsed(result.wallMs)}` +
					(result.workers.length ? `, per worker ${result.workers.join(' / ')}` : ''),
			);
			results[kind] = result;
		}
		return results;
	} finally {
		try {
			if (instance) await instance.stop();
		} finally {
			await sandbox.close();
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	}
}

function row(modeLabel, nodeLabel, result) {
	const failed = result.executions.total - (result.executions.byStatus.success || 0);
	const notRun = result.contacts.expected - result.executions.total;
	return [
		`${modeLabel}: ${nodeLabel}`,
		n(result.contacts.lost.length),
		`${n(failed)}${notRun > 0 ? ` (+${n(notRun)} missing)` : ''}`,
		n(result.requests.total),
		`${(result.requests.share429 * 100).toFixed(0)} %`,
		n(result.requests.firstWindow429),
		`${(result.requests.share429AfterFirstWindow * 100).toFixed(0)} %`,
		result.wallMs === null ? '–' : fmt.seconds(result.wallMs),
		result.wallMs === null ? '–' : fmt.ratio(result.wallMs / result.floorMs),
		result.workers.length ? result.workers.join(' / ') : '',
	];
}

/**
 * Runs scenario 4 and returns { title, lines, raw } (lines: the printed report).
 * `tgz`: the packed package; `size`: { calls, limit, windowMs } instead of the full or quick
 * one; `note`: progress lines.
 */
async function runSpikeScenario({ major, quick, size: chosen, tgz, note }) {
	const size = chosen ?? SIZES[quick ? 'quick' : 'full'];
	const raw = {};
	for (const { mode } of MODES) raw[mode] = await runMode({ major, tgz, size, mode, note });
	const floorMs = raw.regular.upsert.floorMs;
	const rows = MODES.flatMap(({ mode, label }) =>
		NODES.map(({ kind, label: nodeLabel }) => row(label, nodeLabel, raw[mode][kind])),
	);
	const title =
		`4) webhook spike: ${n(size.calls)} simultaneous calls, one contact each, ChatbotX limit ` +
		`${size.limit} requests / ${size.windowMs / 1000} s (429 "Retry after Ns.", no Retry-After)`;
	const lines = [
		`floor = (ceil(${n(size.calls)} / ${size.limit}) − 1) full windows × ${size.windowMs / 1000} s = ${fmt.seconds(floorMs)}; ` +
			`wall = first webhook call → last answer of the vendor; queue mode: ${WORKERS} workers, --concurrency=${WORKER_CONCURRENCY}`,
		...table(
			[
				'mode: node',
				'contacts lost',
				'failed executions',
				'requests',
				'429 share',
				'429s in 1st window',
				'429 after 1st window',
				'wall',
				'× floor',
				'executions per worker',
			],
			rows,
		),
	];
	const upsert = MODES.map(({ mode }) => raw[mode].upsert);
	const lost = upsert.reduce((sum, result) => sum + result.contacts.lost.length, 0);
	const worst429 = Math.max(...upsert.map((result) => result.requests.share429AfterFirstWindow));
	const worstShare = Math.max(...upsert.map((result) => result.requests.share429));
	const firstWindow = upsert.map((result) => n(result.requests.firstWindow429)).join(' / ');
	lines.push(
		`target 0 contacts lost: ${lost} → ${lost === 0 ? 'met' : 'missed'}; ` +
			`after the first window, fewer than 1 request in 10 a 429: ${(worst429 * 100).toFixed(0)} % at most → ${worst429 < 0.1 ? 'met' : 'missed'}; ` +
			`of all requests, first window included, at most 1 in 10 a 429: ${(worstShare * 100).toFixed(0)} % at most → ${worstShare <= 0.1 ? 'met' : 'missed'}`,
		`Contact Upsert's 429s in the first window (regular / queue): ${firstWindow}, against a limit of ${size.limit} ` +
			`(slow start: 4 requests, then doubling every round trip until the first 429)`,
	);
	return { title, lines, raw };
}

module.exports = { runSpikeScenario, SIZES };
