import fc from 'fast-check';

import { providers } from '../../../../nodes/providers';
import type { Provider } from '../../../../nodes/engine/provider';
import { MIN_PAUSE_MS } from '../../../../nodes/engine/scheduler/accountBudget';
import { SchedulerRegistry } from '../../../../nodes/engine/scheduler/registry';
import { sendWithRetries, type VendorResponse } from '../../../../nodes/engine/transport';
import { FakeClock } from '../../helpers/fakeClock';
import { requestFor, senderFor } from './vendorSimulation';

const chatbotx = providers.find((provider) => provider.id === 'chatbotx') as Provider<unknown>;
const rampwin = providers.find((provider) => provider.id === 'rampwin') as Provider<unknown>;

/** Every way a vendor can say "retry now" on a 429, with the provider that reads it. */
const RETRY_NOW: Array<
	[string, Provider<unknown>, (now: number) => Omit<VendorResponse, 'statusCode'>]
> = [
	['Retry-After: 0', rampwin, () => ({ headers: { 'retry-after': '0' }, body: {} })],
	[
		'Retry-After: an HTTP date already past',
		rampwin,
		(now) => ({ headers: { 'retry-after': new Date(now - 60_000).toUTCString() }, body: {} }),
	],
	[
		'ChatbotX "Retry after 0s."',
		chatbotx,
		() => ({ headers: {}, body: { message: 'Too many requests. Retry after 0s.' } }),
	],
	['no Retry-After at all', rampwin, () => ({ headers: {}, body: {} })],
];

const STORM = 5_000;

/**
 * A vendor that answers every request with a 429 asking to retry at once, after `latencyMs`:
 * the worst case for a client that trusts the vendor's wait.
 */
function alwaysRetryNow(
	clock: FakeClock,
	answer: (now: number) => Omit<VendorResponse, 'statusCode'>,
	latencyMs: number,
) {
	const arrivals: number[] = [];
	const transmit = async (): Promise<VendorResponse> => {
		arrivals.push(clock.now());
		await new Promise<void>((resolve) => clock.schedule(resolve, latencyMs));
		// A storm would never end on its own: past this many requests the vendor gives up with an
		// error that is not a rate limit, so a regression fails the test instead of hanging it.
		if (arrivals.length > STORM)
			return { statusCode: 400, headers: {}, body: { message: 'storm' } };
		return { statusCode: 429, ...answer(clock.now()) };
	};
	return { arrivals, transmit };
}

/** Runs `items` items of one run against the vendor until every one of them has ended. */
async function runItems(
	provider: Provider<unknown>,
	answer: (now: number) => Omit<VendorResponse, 'statusCode'>,
	options: { items: number; maxRateLimitWaitMs: number; latencyMs: number; concurrency: number },
) {
	const clock = new FakeClock();
	const registry = new SchedulerRegistry(clock);
	const vendor = alwaysRetryNow(clock, answer, options.latencyMs);
	const sender = {
		...senderFor(registry, clock, vendor.transmit, { concurrency: options.concurrency }),
		provider,
	};
	const limits = { maxRetries: 3, maxRateLimitWaitMs: options.maxRateLimitWaitMs, timeout: 30_000 };
	const errors: string[] = [];
	const items = Array.from({ length: options.items }, async (_, index) => {
		try {
			await sendWithRetries(sender, requestFor(`contact-${index}`), limits, index);
			errors.push('sent');
		} catch (error) {
			errors.push((error as Error).message);
		}
	});
	await clock.runUntil(() => errors.length === options.items);
	await Promise.all(items);
	return { arrivals: vendor.arrivals, errors, endedAt: clock.now() };
}

/** The most requests a run may send in `ms` while every answer is a 429: pauses that double. */
function maxRequestsWhileThrottled(ms: number, concurrency: number): number {
	let pauses = 0;
	for (let spent = 0, pause = MIN_PAUSE_MS; spent < ms; pause = Math.min(pause * 2, 60_000)) {
		spent += pause;
		pauses++;
	}
	// The first burst fills every slot before the first 429 comes back; then one per pause.
	return concurrency + pauses;
}

/** The most arrivals within any `ms` of each other. */
function busiestWindow(arrivals: number[], ms: number): number {
	let most = 0;
	for (let start = 0, end = 0; end < arrivals.length; end++) {
		while (arrivals[end] - arrivals[start] >= ms) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

describe('a vendor that keeps answering 429 "retry now" is never hammered', () => {
	it.each(RETRY_NOW)(
		'%s: one item ends at Max Wait for Rate Limits with a bounded number of requests',
		async (_form, provider, answer) => {
			const maxRateLimitWaitMs = 600_000;
			const { arrivals, errors, endedAt } = await runItems(provider, answer, {
				items: 1,
				maxRateLimitWaitMs,
				latencyMs: 5,
				concurrency: 1,
			});

			expect(errors).toHaveLength(1);
			expect(errors[0]).toMatch(/rate limit/i);
			// Before the fix: about 160 requests a second, forever.
			expect(arrivals.length).toBeLessThanOrEqual(maxRequestsWhileThrottled(maxRateLimitWaitMs, 1));
			expect(endedAt).toBeLessThanOrEqual(maxRateLimitWaitMs + 60_000);
			const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]);
			for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(MIN_PAUSE_MS);
		},
	);

	it('holds for any Max Wait, latency and number of items sharing the account', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...RETRY_NOW),
				fc.integer({ min: 1_000, max: 120_000 }),
				fc.integer({ min: 0, max: 200 }),
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 1, max: 10 }),
				async ([, provider, answer], maxRateLimitWaitMs, latencyMs, items, concurrency) => {
					const { arrivals, errors } = await runItems(provider, answer, {
						items,
						maxRateLimitWaitMs,
						latencyMs,
						concurrency,
					});
					expect(errors).toHaveLength(items);
					for (const error of errors) expect(error).toMatch(/rate limit/i);
					// Each item may wait its own Max Wait, but the pause is the account's: after the
					// first burst, never more than one request per pause for all of them together.
					expect(arrivals.length).toBeLessThanOrEqual(
						items * maxRequestsWhileThrottled(maxRateLimitWaitMs + latencyMs, 1),
					);
					expect(busiestWindow(arrivals, MIN_PAUSE_MS)).toBeLessThanOrEqual(concurrency + 1);
				},
			),
			{ numRuns: 40 },
		);
	});
});
