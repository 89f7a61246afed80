'use strict';
/**
 * A webhook spike in regular mode, the way most real traffic arrives: SPIKE simultaneous calls to
 * a live Webhook → Contact Upsert workflow (`n8n start`, SQLite, the production webhook URL, one
 * contact per call, the node's default options), against a ChatbotX limit of LIMIT requests per
 * 10 s. Every contact must be stored exactly once and no execution may fail. One n8n per pinned
 * version, one after the other.
 */
const { describeMajor } = require('../../scripts/lib/n8n');
const { spikeWorkflow } = require('../../scripts/lib/spike/workflows');
const { useSpikeInstance, expectCleanSpike } = require('./lib/spike-fixture');
const { selectedMajors } = require('./lib/versions');

const SPIKE = 200;
const RATE_LIMIT = { limit: 30, windowMs: 10000 };
// The floor is (200 / 30 − 1) windows = 60 s; the node may wait 10 minutes per item by default.
const SETTLE_MS = 12 * 60 * 1000;
const TEST_TIMEOUT_MS = 16 * 60 * 1000;

describe.each(selectedMajors().map((major) => [describeMajor(major), major]))(
	'%s, regular mode: webhook spike',
	(label, major) => {
		const workflow = spikeWorkflow('upsert', `spikeRegular${major}00`.slice(0, 16));
		const { sandbox, instance } = useSpikeInstance({
			mode: 'regular',
			major,
			label,
			workflows: [workflow],
		});

		test(
			`${SPIKE} simultaneous webhook calls against ${RATE_LIMIT.limit} requests / 10 s: every contact stored exactly once, no execution failed`,
			async () => {
				await expectCleanSpike({
					instance: instance(),
					sandbox,
					workflow,
					mode: 'regular',
					major,
					label,
					count: SPIKE,
					rateLimit: RATE_LIMIT,
					settleMs: SETTLE_MS,
				});
			},
			TEST_TIMEOUT_MS,
		);
	},
);
