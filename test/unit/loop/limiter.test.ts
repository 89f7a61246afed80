import { sleep } from 'n8n-workflow';

import { AdaptiveLimiter } from '../../../nodes/ContactUpsert/shared/limiter';
import { backoffDelay, parseRetryAfter } from '../../../nodes/ContactUpsert/shared/retry';

/** Runs `count` successful requests through the limiter, one after the other. */
async function succeed(limiter: AdaptiveLimiter, count: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		await limiter.acquire();
		limiter.release(true);
	}
}

describe('AdaptiveLimiter', () => {
	it('lets at most the allowance through and admits waiters as slots free up', async () => {
		const limiter = new AdaptiveLimiter(2);
		const order: string[] = [];
		await limiter.acquire();
		await limiter.acquire();
		const third = limiter.acquire().then(() => order.push('third'));
		await sleep(10);
		expect(order).toEqual([]);
		expect(limiter.inFlight).toBe(2);

		limiter.release(true);
		await third;
		expect(order).toEqual(['third']);
		expect(limiter.inFlight).toBe(2);
	});

	it('halves the allowance on a rate limit and wins slots back after successes', async () => {
		const limiter = new AdaptiveLimiter(8);
		limiter.rateLimited(0);
		expect(limiter.allowance).toBe(4);
		limiter.rateLimited(0);
		limiter.rateLimited(0);
		limiter.rateLimited(0);
		expect(limiter.allowance).toBe(1);

		// As many successes in a row as the current allowance earn one more slot.
		await succeed(limiter, 1);
		expect(limiter.allowance).toBe(2);
		await succeed(limiter, 1);
		expect(limiter.allowance).toBe(2);
		await succeed(limiter, 1);
		expect(limiter.allowance).toBe(3);
	});

	it('never grows past the configured concurrency', async () => {
		const limiter = new AdaptiveLimiter(3);
		await succeed(limiter, 20);
		expect(limiter.allowance).toBe(3);
	});

	it('does not count failures towards recovery', async () => {
		const limiter = new AdaptiveLimiter(4);
		limiter.rateLimited(0);
		for (let index = 0; index < 5; index++) {
			await limiter.acquire();
			limiter.release(false);
		}
		expect(limiter.allowance).toBe(2);
	});

	it('pauses every caller until the wait a vendor asked for has passed', async () => {
		let now = 1_000;
		const limiter = new AdaptiveLimiter(4, () => now);
		limiter.rateLimited(40);
		let admitted = false;
		const waiting = limiter.acquire().then(() => (admitted = true));
		await sleep(15);
		expect(admitted).toBe(false);
		now += 40;
		await waiting;
		expect(admitted).toBe(true);
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-21T10:00:00Z');

	it.each([
		['7', 7_000],
		['0', 0],
		['Sat, 21 Nov 2026 10:00:30 GMT', 30_000],
		['Sat, 21 Nov 2026 09:59:00 GMT', 0],
	])('reads %p as %i ms', (header, expected) => {
		expect(parseRetryAfter(header, now)).toBe(expected);
	});

	it.each([undefined, '', 'soon', [''], '1.5'])('ignores %p', (header) => {
		expect(parseRetryAfter(header, now)).toBeUndefined();
	});

	it('reads the first value of a repeated header', () => {
		expect(parseRetryAfter(['3', '9'], now)).toBe(3_000);
	});
});

describe('backoffDelay', () => {
	it.each([
		[0, 250, 500],
		[1, 500, 1_000],
		[3, 2_000, 4_000],
		[10, 15_000, 30_000],
	])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
		expect(backoffDelay(attempt, () => 0)).toBe(low);
		expect(backoffDelay(attempt, () => 1)).toBe(high);
	});
});
