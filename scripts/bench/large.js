'use strict';
/**
 * Scenario 5 of the benchmark (only with `--only 5`: it takes minutes): 100,000 items at latency
 * 0, concurrency 20, Contact Upsert against n8n's HTTP helper alone, both with a full GC forced
 * every few seconds so that the heap left after each one (what the run retains) is measured
 * beside peak RSS and wall time.
 */

const { median, figure, measured, fmt, table } = require('./report');
const { upsertAndHelperUnits } = require('./units');

const SIZES = { full: 100_000, quick: 5_000 };
const S5 = { latencyMs: 0, concurrency: 20, forceGcMs: 5000 };

const n = (value) => value.toLocaleString('en-US');
const values = (runs, pick) => runs.map(pick);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The scenario, in the shape of scripts/bench/scenarios.js's. */
function largeScenario({ quick, sandbox }) {
	const items = SIZES[quick ? 'quick' : 'full'];
	return {
		key: 's5',
		title: `5) ${n(items)} items, sandbox latency ${S5.latencyMs} ms, concurrency ${S5.concurrency}: memory and wall time against n8n's HTTP helper alone`,
		sandboxConfig: { chatbotx: { latencyMs: S5.latencyMs, rateLimit: false } },
		// Both with a full GC forced every few seconds.
		units: upsertAndHelperUnits('S5', items, S5.concurrency, { sandbox }).map((entry) => ({
			...entry,
			forceGcMs: S5.forceGcMs,
		})),
		report(results) {
			const live = (runs, pick) =>
				measured(runs, (r) => (r.liveHeap ? pick(r.liveHeap) : NaN), mib);
			const rows = ['upsert', 'helper'].map((key) => {
				const runs = results[key];
				return [
					this.units.find((entry) => entry.key === key).label,
					measured(runs, (r) => r.maxRssKiB, fmt.mib),
					`${live(runs, (h) => h.first)} → ${live(runs, (h) => h.last)} (max ${live(runs, (h) => h.max)})`,
					measured(runs, (r) => r.nodeMs, fmt.seconds),
					measured(runs, (r) => r.failed, fmt.int),
				];
			});
			const ratio = (pick) =>
				median(values(results.upsert, pick)) / median(values(results.helper, pick));
			const rss = ratio((r) => r.maxRssKiB);
			const wall = ratio((r) => r.nodeMs);
			return [
				`both runs force a full GC every ${S5.forceGcMs / 1000} s; retained heap = heap after the first → last of them, output items included`,
				...table(['node', 'peak RSS', 'retained heap', 'wall (node)', 'failed'], rows),
				`Contact Upsert against the helper alone: peak RSS ${fmt.ratio(rss)} (target below 1.00×: ${rss < 1 ? 'met' : 'missed'}), ` +
					`wall ${fmt.ratio(wall)} (target ≤ 1.10×: ${wall <= 1.1 ? 'met' : 'missed'})`,
			];
		},
	};
}

module.exports = { largeScenario, SIZES };
