'use strict';
/**
 * n8n queue mode, as it runs past one machine: Redis and PostgreSQL (throw-away, loopback), n8n
 * main receiving the webhooks and two `n8n worker` processes running the executions, all sharing
 * the user folder where the package is installed. Against ChatbotX rate limits:
 *
 *   - a spike of SPIKE simultaneous webhook calls, one contact each (Webhook → Contact Upsert);
 *   - one webhook call whose execution upserts BATCH contacts (Webhook → Code → Contact Upsert).
 *
 * Every contact stored exactly once, no execution failed, and the workers' own logs ("Worker
 * started execution <id>") show each execution started by exactly one worker, both workers busy.
 * On both pinned n8n versions, one after the other (E2E_N8N_VERSIONS narrows it down).
 */
const { describeMajor } = require('../../scripts/lib/n8n');
const { runBatch } = require('../../scripts/lib/spike/run');
const { spikeWorkflow, webhookPath } = require('../../scripts/lib/spike/workflows');
const {
	useSpikeInstance,
	expectCleanSpike,
	logRun,
	outcome,
	cleanOutcome,
} = require('./lib/spike-fixture');
const { selectedMajors } = require('./lib/versions');

const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
const SPIKE = 200;
const SPIKE_LIMIT = { limit: 30, windowMs: 10000 };
const BATCH = 2000;
const BATCH_LIMIT = { limit: 300, windowMs: 10000 };
// Both floors are 60 s; the node may wait 10 minutes per item by default.
const SETTLE_MS = 12 * 60 * 1000;
const TEST_TIMEOUT_MS = 16 * 60 * 1000;

describe.each(selectedMajors().map((major) => [describeMajor(major), major]))(
	`%s, queue mode with ${WORKERS} workers`,
	(label, major) => {
		const spike = spikeWorkflow('upsert', `spikeQueue${major}0000`.slice(0, 16));
		const batch = spikeWorkflow('batch', `batchQueue${major}0000`.slice(0, 16));
		const { sandbox, batchSandbox, instance } = useSpikeInstance({
			mode: 'queue',
			major,
			label,
			workflows: [spike, batch],
			workers: WORKERS,
			concurrency: WORKER_CONCURRENCY,
		});

		test(
			`${SPIKE} simultaneous webhook calls against ${SPIKE_LIMIT.limit} requests / 10 s: every contact stored exactly once, no execution failed, both workers ran some`,
			async () => {
				const result = await expectCleanSpike({
					instance: instance(),
					sandbox,
					workflow: spike,
					mode: 'queue',
					major,
					label,
					count: SPIKE,
					rateLimit: SPIKE_LIMIT,
					settleMs: SETTLE_MS,
				});
				expect({
					unattributed: result.unattributed,
					startedTwice: result.doubleStarted,
					workersWithoutExecutions: result.workers.filter((count) => count === 0).length,
				}).toEqual({ unattributed: [], startedTwice: [], workersWithoutExecutions: 0 });
			},
			TEST_TIMEOUT_MS,
		);

		test(
			`one execution upserting ${BATCH.toLocaleString('en-US')} contacts against ${BATCH_LIMIT.limit} requests / 10 s: every contact stored exactly once, run by a worker`,
			async () => {
				const result = await runBatch({
					instance: instance(),
					sandbox: batchSandbox,
					workflow: batch,
					path: webhookPath(batch),
					prefix: `batch-${major}`,
					count: BATCH,
					rateLimit: BATCH_LIMIT,
					settleMs: SETTLE_MS,
					label: `e2e ${major} queue batch`,
				});
				logRun(label, `queue-mode batch of ${BATCH}`, result);
				expect(outcome(result)).toEqual(cleanOutcome(1));
				expect({ unattributed: result.unattributed, startedTwice: result.doubleStarted }).toEqual({
					unattributed: [],
					startedTwice: [],
				});
			},
			TEST_TIMEOUT_MS,
		);
	},
);
