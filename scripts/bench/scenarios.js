'use strict';
/**
 * The three benchmark scenarios: what runs (workflows and sandbox settings), the floor each is
 * compared with, and how its figures become a table. All requests go to the sandbox's ChatbotX.
 *
 *   1. throughput: N items, latency 20 ms, concurrency 10 — Contact Upsert vs HTTP Request vs floor,
 *      with two references: n8n's HTTP helper alone (the benchmark-only node of bench/baseline) and
 *      Node's http without n8n (bench/raw-client.js)
 *   2. rate limit: N items, 120 requests per 10 s (429 "Retry after Ns.", no Retry-After header)
 *   3. memory: 20,000 items, latency 0, concurrency 20 — peak RSS vs the same workflow with a NoOp,
 *      and with n8n's HTTP helper alone
 *
 * Over 300 lines because the three share their floors and report columns (their units come from
 * units.js); scenarios 4 and 5 (spike.js, large.js) and the Skip Unchanged Contacts run
 * (skip-unchanged.js) have files of their own.
 */

const wf = require('./workflows');
const { median, figure, measured, fmt, table } = require('./report');
const { unit, upsertAndHelperUnits } = require('./units');

const SIZES = {
	full: { s1: 2000, s2: 1000, s2Limit: 120, s2WindowMs: 10000, s3: 20000 },
	quick: { s1: 200, s2: 100, s2Limit: 40, s2WindowMs: 2000, s3: 2000 },
};

const S1 = { latencyMs: 20, concurrency: 10 };
const S2 = { latencyMs: 20, concurrency: 10 };
const S3 = { latencyMs: 0, concurrency: 20, forceGcMs: 2000 };

/** A reference run without n8n (scripts/bench/raw-client.js), with the same items and settings. */
function rawUnit(key, label, items, rawClient) {
	return { key, label, items, rawClient };
}

const n = (value) => value.toLocaleString('en-US');

/** The time `items` requests need under a fixed window of `limit` per `windowMs`. */
function rateLimitFloor({ items, limit, windowMs, concurrency, latencyMs }) {
	const fullWindows = Math.ceil(items / limit) - 1;
	const last = items - fullWindows * limit;
	const lastMs = Math.ceil(last / concurrency) * latencyMs;
	return { fullWindows, last, lastMs, floorMs: fullWindows * windowMs + lastMs };
}

/** Per-run pairs: figure(run) − figure(baseline run with the same index). */
function paired(runs, baselineRuns, pick) {
	return runs.map((run, i) => pick(run) - pick(baselineRuns[Math.min(i, baselineRuns.length - 1)]));
}

const values = (runs, pick) => runs.map(pick);

/** "Contact Upsert without the shortcut takes X× the time / peak" lines, when it was measured. */
function throughN8nLine(results, pick, format, what) {
	if (!results.upsertN8n) return [];
	const ratios = results.upsertN8n.map((run, i) => pick(run) / pick(results.upsert[i]));
	return [
		`mappings through n8n's expression engine instead of the node's {{ $json.x }} shortcut: ` +
			`${figure(ratios, fmt.ratio)} the ${what} with the shortcut (run by run; ` +
			`${format(median(values(results.upsertN8n, pick)))} against ${format(median(values(results.upsert, pick)))})`,
	];
}

function buildScenarios({ quick, sandbox, throughN8n = false }) {
	const size = SIZES[quick ? 'quick' : 'full'];
	const s1Items = size.s1;
	const s2Items = size.s2;
	const s3Items = size.s3;
	const s2Limit = { limit: size.s2Limit, windowMs: size.s2WindowMs };

	const throughput = {
		key: 's1',
		title: `1) ${n(s1Items)} items, sandbox latency ${S1.latencyMs} ms, concurrency ${S1.concurrency}`,
		sandboxConfig: { chatbotx: { latencyMs: S1.latencyMs, rateLimit: false } },
		units: [
			unit('noop', 'No Operation (baseline)', 'S1noop', s1Items, wf.noOpNode()),
			...upsertAndHelperUnits('S1', s1Items, S1.concurrency, { sandbox, throughN8n }),
			unit(
				'http',
				'HTTP Request (batching 10 / 0 ms)',
				'S1http',
				s1Items,
				wf.httpRequestNode({ sandbox, batchSize: 10, batchInterval: 0 }),
			),
			unit(
				'httpPaced',
				`HTTP Request (batching 10 / ${S1.latencyMs} ms)`,
				'S1httpPaced',
				s1Items,
				wf.httpRequestNode({ sandbox, batchSize: 10, batchInterval: S1.latencyMs }),
			),
			rawUnit(
				'raw',
				`no n8n: Node http, new connection per request (concurrency ${S1.concurrency})`,
				s1Items,
				{ concurrency: S1.concurrency, keepAlive: false },
			),
			rawUnit(
				'rawKeepAlive',
				`no n8n: Node http, reused connections (concurrency ${S1.concurrency})`,
				s1Items,
				{ concurrency: S1.concurrency, keepAlive: true },
			),
		],
		report(results) {
			const floorMs = (s1Items * S1.latencyMs) / S1.concurrency;
			const noop = results.noop;
			const wall = (key) => median(values(results[key], (r) => r.nodeMs));
			const httpMs = wall('http');
			const keys = [
				'upsert',
				'upsertN8n',
				'helper',
				'http',
				'httpPaced',
				'raw',
				'rawKeepAlive',
				'noop',
			];
			if (!results.upsertN8n) keys.splice(1, 1);
			const rows = keys.map((key) => {
				const runs = results[key];
				const label = this.units.find((entry) => entry.key === key).label;
				const isBaseline = key === 'noop';
				const isRaw = key.startsWith('raw');
				const unlessBaseline = (text) => (isBaseline ? '' : text());
				return [
					label,
					measured(runs, (r) => r.nodeMs, fmt.seconds),
					unlessBaseline(() => measured(runs, (r) => r.nodeMs / floorMs, fmt.ratio)),
					unlessBaseline(() => measured(runs, (r) => r.nodeMs / httpMs, fmt.ratio)),
					unlessBaseline(
						() =>
							`${measured(
								runs,
								(r) => r.meanInFlight,
								(v) => v.toFixed(1),
							)} / ${measured(runs, (r) => r.peakInFlight, fmt.int)}`,
					),
					unlessBaseline(() => measured(runs, (r) => r.failed, fmt.int)),
					isBaseline
						? measured(
								runs,
								(r) => r.cpuMs / 1000,
								(v) => `${v.toFixed(2)} s total`,
							)
						: isRaw
							? ''
							: figure(
									paired(runs, noop, (r) => r.cpuMs).map((ms) => ms / s1Items),
									fmt.ms,
								),
					unlessBaseline(() => measured(runs, (r) => r.nodeCpuMs / s1Items, fmt.ms)),
				];
			});
			const upsertMs = wall('upsert');
			const helperMs = wall('helper');
			const pacedMs = wall('httpPaced');
			return [
				`floor = ${n(s1Items)} items × ${S1.latencyMs} ms ÷ ${S1.concurrency} = ${fmt.seconds(floorMs)}`,
				...table(
					[
						'node',
						'wall (node)',
						'× floor',
						'× HTTP 10/0',
						'in flight mean / max',
						'failed',
						'CPU/item (− no-op)',
						'CPU/item in node',
					],
					rows,
				),
				`target ≤ 1.10 × floor: ${fmt.ratio(upsertMs / floorMs)} → ${upsertMs / floorMs <= 1.1 ? 'met' : 'missed'}; ` +
					`no slower than HTTP Request (batching 10 / 0 ms): ${fmt.ratio(upsertMs / httpMs)} → ${upsertMs <= httpMs ? 'met' : 'missed'}`,
				`n8n's HTTP helper alone, same requests and concurrency, nothing else: ${fmt.ratio(helperMs / floorMs)} floor; ` +
					`Contact Upsert takes ${fmt.ratio(upsertMs / helperMs)} its time`,
				`(batching 10 / 0 ms does not cap requests in flight, see "in flight max"; against batching 10 / ${S1.latencyMs} ms, ` +
					`which keeps about as many in flight as concurrency 10, Contact Upsert takes ${fmt.ratio(upsertMs / pacedMs)} the time)`,
				...throughN8nLine(results, (r) => r.nodeMs, fmt.seconds, 'wall time'),
				...(results.upsertN8n
					? throughN8nLine(
							results,
							(r) => r.nodeCpuMs / s1Items,
							fmt.ms,
							'CPU per item in the node',
						)
					: []),
			];
		},
	};

	const floor2 = rateLimitFloor({ items: s2Items, ...s2Limit, ...S2 });
	const rateLimited = {
		key: 's2',
		title:
			`2) ${n(s2Items)} items, sandbox limit ${s2Limit.limit} requests / ${s2Limit.windowMs / 1000} s per token ` +
			`(429 "Too many requests. Retry after Ns.", no Retry-After), latency ${S2.latencyMs} ms`,
		sandboxConfig: { chatbotx: { latencyMs: S2.latencyMs, rateLimit: s2Limit } },
		units: [
			unit(
				'upsert',
				`Contact Upsert (concurrency ${S2.concurrency}, On Error: Continue)`,
				'S2upsert',
				s2Items,
				{
					...wf.contactUpsertNode({ concurrency: S2.concurrency }),
					onError: 'continueRegularOutput',
				},
			),
			unit(
				'http',
				'HTTP Request (batching 10 / 0 ms, On Error: Continue, Retry On Fail)',
				'S2http',
				s2Items,
				wf.httpRequestNode({
					sandbox,
					batchSize: 10,
					batchInterval: 0,
					onError: 'continueRegularOutput',
					retryOnFail: true,
				}),
			),
		],
		report(results) {
			const rows = ['upsert', 'http'].map((key) => {
				const runs = results[key];
				return [
					this.units.find((unit) => unit.key === key).label,
					measured(runs, (r) => r.failed, fmt.int),
					measured(runs, (r) => r.nodeMs, fmt.seconds),
					measured(runs, (r) => r.nodeMs / floor2.floorMs, fmt.ratio),
					measured(runs, (r) => r.requests, fmt.int),
					measured(runs, (r) => r.statuses[429] || 0, fmt.int),
				];
			});
			const upsert = results.upsert;
			const failed = median(values(upsert, (r) => r.failed));
			const ratio = median(values(upsert, (r) => r.nodeMs / floor2.floorMs));
			return [
				`floor = (ceil(${n(s2Items)} / ${s2Limit.limit}) − 1) full windows × ${s2Limit.windowMs / 1000} s ` +
					`+ the last ${floor2.last} requests at concurrency ${S2.concurrency} × ${S2.latencyMs} ms ` +
					`= ${floor2.fullWindows} × ${s2Limit.windowMs / 1000} s + ceil(${floor2.last} / ${S2.concurrency}) × ${S2.latencyMs} ms ` +
					`= ${fmt.seconds(floor2.floorMs)} (the window opens with the first request)`,
				...table(['node', 'failed', 'wall (node)', '× floor', 'requests', '429 answers'], rows),
				`target 0 failed: ${failed} → ${failed === 0 ? 'met' : 'missed'}; ≤ 1.08 × floor: ${fmt.ratio(ratio)} → ${ratio <= 1.08 ? 'met' : 'missed'}`,
			];
		},
	};

	const memory = {
		key: 's3',
		title: `3) ${n(s3Items)} items, sandbox latency ${S3.latencyMs} ms, concurrency ${S3.concurrency}: peak RSS of the n8n process`,
		sandboxConfig: { chatbotx: { latencyMs: S3.latencyMs, rateLimit: false } },
		units: [
			unit('noop', 'No Operation (baseline)', 'S3noop', s3Items, wf.noOpNode()),
			...upsertAndHelperUnits('S3', s3Items, S3.concurrency, { sandbox, throughN8n }),
			{
				...unit(
					'upsertGc',
					`Contact Upsert, full GC forced every ${S3.forceGcMs / 1000} s`,
					'S3upsertGc',
					s3Items,
					wf.contactUpsertNode({ concurrency: S3.concurrency }),
				),
				forceGcMs: S3.forceGcMs,
			},
		],
		report(results) {
			const baseKiB = median(values(results.noop, (r) => r.maxRssKiB));
			const keys = ['upsert', 'upsertN8n', 'helper', 'upsertGc', 'noop'];
			if (!results.upsertN8n) keys.splice(1, 1);
			const rows = keys.map((key) => {
				const runs = results[key];
				return [
					this.units.find((unit) => unit.key === key).label,
					measured(runs, (r) => r.maxRssKiB, fmt.mib),
					key === 'noop' ? '' : measured(runs, (r) => r.maxRssKiB / baseKiB, fmt.ratio),
					measured(runs, (r) => r.nodeMs, fmt.seconds),
					measured(runs, (r) => r.failed, fmt.int),
				];
			});
			const ratio = median(values(results.upsert, (r) => r.maxRssKiB)) / baseKiB;
			const helperRatio = median(values(results.helper, (r) => r.maxRssKiB)) / baseKiB;
			const live = (pick) =>
				figure(
					values(results.upsertGc, (r) => (r.liveHeap ? pick(r.liveHeap) : NaN)),
					(bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`,
				);
			return [
				'Manual Trigger → Code (generates the items) → node; n8n prints the run data at the end (both runs)',
				...table(['node', 'peak RSS', '× no-op', 'wall (node)', 'failed'], rows),
				`target ≤ 1.5 × the no-op run: ${fmt.ratio(ratio)} → ${ratio <= 1.5 ? 'met' : 'missed'}; ` +
					`n8n's HTTP helper alone, same requests: ${fmt.ratio(helperRatio)} the no-op run`,
				`retained memory (heap after each forced full GC while Contact Upsert ran): ` +
					`${live((h) => h.first)} after the first GC, ${live((h) => h.last)} after the last, ` +
					`${live((h) => h.max)} at most, output items included`,
				...throughN8nLine(results, (r) => r.nodeMs, fmt.seconds, 'wall time'),
				...throughN8nLine(results, (r) => r.maxRssKiB, fmt.mib, 'peak RSS'),
			];
		},
	};

	return [throughput, rateLimited, memory];
}

module.exports = { buildScenarios, rateLimitFloor, SIZES };
