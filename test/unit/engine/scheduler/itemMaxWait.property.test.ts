import fc from 'fast-check';

import { providers } from '../../../../nodes/providers';
import type { Provider, VendorRequest } from '../../../../nodes/engine/provider';
import { SchedulerRegistry } from '../../../../nodes/engine/scheduler/registry';
import { stepContext } from '../../../../nodes/engine/steps/context';
import { finishItem } from '../../../../nodes/engine/steps/finish';
import {
	rateLimitAllowance,
	sendWithRetries,
	type VendorResponse,
} from '../../../../nodes/engine/transport';
import contact from '../../fixtures/chatbotx/contact.json';
import queued from '../../fixtures/hypersender/queued.json';
import success from '../../fixtures/hypersender/success.json';
import { FakeClock } from '../../helpers/fakeClock';
import { senderFor } from './vendorSimulation';

const chatbotx = providers.find((provider) => provider.id === 'chatbotx') as Provider<unknown>;
const hypersender = providers.find(
	(provider) => provider.id === 'hypersender',
) as Provider<unknown>;

const LATENCY_MS = 5;

/** One item's plan: what the upsert needs after it, as the vendor will see it. */
interface Plan {
	provider: Provider<unknown>;
	upsert: VendorRequest;
	/** What the vendor answers once a request is let through (after its 429s). */
	ok: (request: VendorRequest) => VendorResponse;
	input: unknown;
	queue: {
		waitForQueued: boolean;
		maxQueuedWaitMs: number;
		repeatTimes: number;
		repeatDelayMs: number;
	};
}

const NO_QUEUE = { waitForQueued: false, maxQueuedWaitMs: 0, repeatTimes: 0, repeatDelayMs: 0 };

/** ChatbotX: custom fields in `fieldParts` requests (PATCH, or PUT after a 405), tags in `tagParts`. */
function chatbotxPlan(fieldParts: number, tagParts: number, refusePatch: boolean): Plan {
	const customFields = Array.from({ length: fieldParts * 20 }, (_, index) => ({
		customFieldId: String(11590000000000300 + index),
		value: `v${index}`,
	}));
	const tagIds = Array.from({ length: tagParts * 100 }, (_, index) =>
		String(11590000000000200 + index),
	);
	return {
		provider: chatbotx,
		upsert: {
			method: 'POST',
			url: 'https://app.chatbotx.io/api/v1/contacts/email%3Ajane%40example.com/upsert',
			body: {},
		},
		ok: (request) =>
			request.method === 'PATCH' && refusePatch
				? { statusCode: 405, headers: {}, body: { message: 'Method Not Allowed' } }
				: request.url.endsWith('/upsert')
					? { statusCode: 200, headers: {}, body: contact }
					: { statusCode: 204, headers: {}, body: '' },
		input: { identifier: 'email:jane@example.com', contactData: { customFields, tagIds } },
		queue: NO_QUEUE,
	};
}

/** Hypersender: a queued upsert read until done, then the upsert sent `repeats` more times. */
function hypersenderPlan(repeats: number): Plan {
	return {
		provider: hypersender,
		upsert: {
			method: 'POST',
			url: 'https://app.hypersender.com/api/whatsapp/v2/instance/contacts',
			body: { phone: '+56912345678' },
		},
		ok: (request) =>
			request.method === 'GET'
				? {
						statusCode: 200,
						headers: {},
						body: { ...queued, response_status: 200, response_body: success },
					}
				: { statusCode: 200, headers: {}, body: { ...queued } },
		input: {},
		queue: {
			waitForQueued: true,
			maxQueuedWaitMs: 600_000,
			repeatTimes: repeats,
			repeatDelayMs: 0,
		},
	};
}

/**
 * A vendor that answers every request of the item (the upsert, each follow-up, poll, repeat and
 * fallback) first with a 429 asking to wait `askSeconds`, then lets it through.
 */
function throttleEachRequestOnce(clock: FakeClock, plan: Plan, askSeconds: number) {
	let sent = 0;
	const transmit = async (request: VendorRequest): Promise<VendorResponse> => {
		sent++;
		await new Promise<void>((resolve) => clock.schedule(resolve, LATENCY_MS));
		if (sent % 2 === 1) {
			return {
				statusCode: 429,
				headers: { 'retry-after': String(askSeconds) },
				body: { message: 'Too many requests' },
			};
		}
		return plan.ok(request);
	};
	return { transmit, sent: () => sent };
}

/** Runs one item as the item loop does: upsert, then every step after it. */
async function runItem(plan: Plan, askSeconds: number, maxRateLimitWaitMs: number) {
	const clock = new FakeClock();
	const registry = new SchedulerRegistry(clock);
	const vendor = throttleEachRequestOnce(clock, plan, askSeconds);
	const sender = { ...senderFor(registry, clock, vendor.transmit), provider: plan.provider };
	const limits = { maxRetries: 0, maxRateLimitWaitMs, timeout: 30_000 };
	let outcome: string | undefined;
	const item = (async () => {
		const allowance = rateLimitAllowance(limits);
		const response = await sendWithRetries(sender, plan.upsert, limits, 0, allowance);
		const context = stepContext({
			sender,
			provider: plan.provider,
			connection: { baseUrl: plan.upsert.url.replace(/\/api\/.*/, '/api'), instanceId: 'instance' },
			limits,
			allowance,
			idempotencyKey: 'run-0',
			itemIndex: 0,
		});
		await finishItem(context, plan.input, plan.upsert, response.body, plan.queue);
	})().then(
		() => {
			outcome = 'saved';
		},
		(error: unknown) => {
			outcome = (error as Error).message;
		},
	);
	await clock.runUntil(() => outcome !== undefined);
	await item;
	return { outcome: outcome as string, endedAt: clock.now(), sent: vendor.sent() };
}

/** Every kind of step after the upsert, each throttled once. */
const PLANS: Array<[string, () => Plan, number]> = [
	['ChatbotX custom fields and tags', () => chatbotxPlan(1, 1, false), 2],
	['ChatbotX custom fields in three parts', () => chatbotxPlan(3, 0, false), 3],
	['ChatbotX custom fields through the PUT fallback', () => chatbotxPlan(1, 1, true), 3],
	['Hypersender queued poll and repeats', () => hypersenderPlan(2), 3],
];

describe('Max Wait for Rate Limits holds for the whole item, not each request', () => {
	it.each(PLANS)(
		'%s: a vendor asking each step to wait ends the item near Max Wait in total',
		async (_name, plan, steps) => {
			// Each request alone waits 20 s, well within Max Wait; the item's steps together do not.
			const askSeconds = 20;
			const maxRateLimitWaitMs = askSeconds * 1000 * steps + 5_000;
			const { outcome, endedAt } = await runItem(plan(), askSeconds, maxRateLimitWaitMs);

			expect(outcome).toMatch(/rate limiting.*Max Wait for Rate Limits/);
			// Before the fix each request had its own Max Wait: the item was saved after
			// (steps + 1) × 20 s of waiting.
			expect(endedAt).toBeLessThanOrEqual(maxRateLimitWaitMs + 1_000);
		},
	);

	it('for any wait asked, Max Wait and plan: the item waits at most Max Wait in total', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...PLANS),
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 1_000, max: 200_000 }),
				async ([, plan], askSeconds, maxRateLimitWaitMs) => {
					const { outcome, endedAt, sent } = await runItem(plan(), askSeconds, maxRateLimitWaitMs);
					// Waiting is for rate limits only (no retries, no queue pauses here beyond polls).
					expect(endedAt).toBeLessThanOrEqual(maxRateLimitWaitMs + sent * LATENCY_MS + 1_000);
					if (outcome !== 'saved') expect(outcome).toMatch(/rate limiting/);
				},
			),
			{ numRuns: 60 },
		);
	});
});
