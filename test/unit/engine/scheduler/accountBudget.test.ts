import {
	AccountBudget,
	INITIAL_WINDOW,
	MAX_ACCOUNT_PAUSE_MS,
	RateLimitWaitExceeded,
	type Ticket,
} from '../../../../nodes/engine/scheduler/accountBudget';
import { WaitCancelled } from '../../../../nodes/engine/scheduler/cancellation';
import { MAX_RETRY_AFTER_VALUE_MS } from '../../../../nodes/engine/transport';
import { FakeClock, settle } from '../../helpers/fakeClock';

const NO_LIMIT = 3_600_000;

/** A fresh account budget on virtual time. */
function freshBudget() {
	const clock = new FakeClock();
	return { clock, budget: new AccountBudget(clock) };
}

/** Sends one request and has the vendor answer 429, asking to wait `askedMs`. */
async function throttleOnce(budget: AccountBudget, askedMs: number): Promise<void> {
	const { ticket } = await budget.acquire(undefined, NO_LIMIT);
	budget.record(ticket, 'throttled', askedMs);
}

/** Starts `count` acquisitions and records the virtual time each one is let through. */
function queueUp(budget: AccountBudget, clock: FakeClock, count: number) {
	const grantedAt: number[] = [];
	const tickets: Ticket[] = [];
	const done = Array.from({ length: count }, async () => {
		const { ticket } = await budget.acquire(undefined, NO_LIMIT);
		grantedAt.push(clock.now());
		tickets.push(ticket);
	});
	return { grantedAt, tickets, done: Promise.all(done) };
}

/** Sends `count` requests at once and has the vendor accept them all. */
async function acceptBurst(budget: AccountBudget, count: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const { ticket } = await budget.acquire(undefined, NO_LIMIT);
		budget.record(ticket, 'accepted');
	}
}

describe('AccountBudget', () => {
	it('before the vendor ever throttles, paces nothing: the slow-start window alone caps requests in flight', async () => {
		const { clock, budget } = freshBudget();
		const { grantedAt, tickets, done } = queueUp(budget, clock, 50);
		await settle();
		expect(grantedAt).toEqual(new Array(INITIAL_WINDOW).fill(0));

		// Each accepted answer lets two more through at once: nothing waits for a timer.
		while (grantedAt.length < 50) {
			const answered = tickets.length;
			for (const ticket of tickets.slice(0, answered)) budget.record(ticket, 'accepted');
			tickets.splice(0, answered);
			await settle();
		}
		await done;
		expect(grantedAt).toEqual(new Array(50).fill(0));
		expect(budget.ratePerSecond).toBeUndefined();
	});

	it("pauses every request until the vendor's time after a 429", async () => {
		const { clock, budget } = freshBudget();
		await throttleOnce(budget, 4_000);

		const { grantedAt, done } = queueUp(budget, clock, 3);
		await clock.runUntil(() => grantedAt.length === 3);
		await done;

		expect(grantedAt[0]).toBe(4_000);
		expect(Math.min(...grantedAt)).toBe(4_000);
	});

	it.each([
		['just over the cap', MAX_ACCOUNT_PAUSE_MS + 1_000],
		['a day', 86_400_000],
		['a thousand years', 1_000 * 365 * 86_400_000],
		['the largest Retry-After read', MAX_RETRY_AFTER_VALUE_MS],
	])(
		'a 429 asking to wait %s pauses the account 10 minutes at the most, then one request asks again',
		async (_, askedMs) => {
			const { clock, budget } = freshBudget();
			const { ticket } = await budget.acquire(undefined, NO_LIMIT);
			// A request sent before the pause, answered 429 after it began, asks for the same.
			const { ticket: earlier } = await budget.acquire(undefined, NO_LIMIT);
			budget.record(ticket, 'throttled', askedMs);
			budget.record(earlier, 'throttled', askedMs);

			const { grantedAt, done } = queueUp(budget, clock, 2);
			await clock.runUntil(() => grantedAt.length === 2, 2 * MAX_ACCOUNT_PAUSE_MS);
			await done;

			expect(grantedAt[0]).toBe(MAX_ACCOUNT_PAUSE_MS);
			// The second waits for the pace learned from that one stretch, not for the vendor's word.
			expect(grantedAt[1]).toBeGreaterThan(MAX_ACCOUNT_PAUSE_MS);
			expect(grantedAt[1]).toBeLessThanOrEqual(2 * MAX_ACCOUNT_PAUSE_MS);
		},
	);

	it('learns the pace the vendor accepted and releases waiting requests one by one at it', async () => {
		const { clock, budget } = freshBudget();
		await acceptBurst(budget, 30);
		await clock.advance(500);
		await throttleOnce(budget, 9_500);

		const { grantedAt, done } = queueUp(budget, clock, 10);
		await clock.runUntil(() => grantedAt.length === 10);
		await done;

		// 30 accepted from 0 s until the pause ended at 10 s: 3/s, kept at 90 %.
		expect(budget.ratePerSecond).toBeCloseTo(2.7, 5);
		const gaps = grantedAt.slice(1).map((at, index) => at - grantedAt[index]);
		expect(grantedAt[0]).toBe(10_000);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(Math.floor(1000 / 2.7));
	});

	it('probes upward while requests wait for the pace and no 429 comes', async () => {
		const { clock, budget } = freshBudget();
		await acceptBurst(budget, 10);
		await throttleOnce(budget, 10_000);
		await clock.advance(10_000);

		const { tickets, done } = queueUp(budget, clock, 40);
		let answered = 0;
		await clock.runUntil(() => {
			for (; answered < tickets.length; answered++) budget.record(tickets[answered], 'accepted');
			return answered === 40;
		});
		await done;

		// Learned: 10 accepted in the 10 s up to the end of the pause, kept at 90 %: 0.9/s.
		expect(budget.ratePerSecond as number).toBeGreaterThan(0.9 * 1.2);
	});

	it('cuts the pace once per throttled burst: stragglers sent before the pause do not cut again', async () => {
		const { clock, budget } = freshBudget();
		await acceptBurst(budget, 20);
		// A burst within the slow-start window, all let through at once.
		const burst = queueUp(budget, clock, INITIAL_WINDOW);
		await burst.done;
		for (const ticket of burst.tickets) budget.record(ticket, 'throttled', 10_000);
		await clock.advance(10_000);

		const next = queueUp(budget, clock, 1);
		await clock.runUntil(() => next.tickets.length === 1);
		const afterFirst = budget.ratePerSecond as number;
		budget.record(next.tickets[0], 'throttled', 1_000);
		await clock.advance(1_000);
		const nextGrant = queueUp(budget, clock, 1);
		await clock.runUntil(() => nextGrant.tickets.length === 1);

		// Four 429s of one burst: one cut, to 90 % of the 20 accepted in the 10 s stretch.
		expect(afterFirst).toBeCloseTo((20 / 10) * 0.9, 5);
		// A 429 for a request sent after the pause is news: the pace is cut again.
		expect(budget.ratePerSecond as number).toBeLessThanOrEqual(afterFirst * 0.8);
	});

	it('fails at once when a pause outlasts what the item may still wait', async () => {
		const { clock, budget } = freshBudget();
		await throttleOnce(budget, 60_000);

		const error = await budget.acquire(undefined, 30_000).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(RateLimitWaitExceeded);
		expect((error as RateLimitWaitExceeded).pauseMs).toBe(60_000);
		expect(clock.now()).toBe(0);
	});

	it('fails a waiting request when its wait budget runs out in the line', async () => {
		const { clock, budget } = freshBudget();
		await acceptBurst(budget, 1);
		await throttleOnce(budget, 30_000);
		await clock.advance(30_000);
		// The pace is now one request per 30 s: the third in line would wait 60 s.
		const waits = [0, 1, 2].map(
			async () =>
				await budget.acquire(undefined, 45_000).then(
					() => 'granted',
					(error: unknown) => error,
				),
		);
		await clock.runUntil(() => false, 120_000);

		const results = await Promise.all(waits);
		expect(results.slice(0, 2)).toEqual(['granted', 'granted']);
		expect(results[2]).toBeInstanceOf(RateLimitWaitExceeded);
		expect((results[2] as RateLimitWaitExceeded).pauseMs).toBeUndefined();
	});

	it('ends a wait at once when the execution is cancelled', async () => {
		const { clock, budget } = freshBudget();
		await throttleOnce(budget, 60_000);
		const cancel = new AbortController();

		const waiting = budget.acquire(cancel.signal, NO_LIMIT).catch((caught: unknown) => caught);
		await settle();
		cancel.abort();

		expect(await waiting).toBeInstanceOf(WaitCancelled);
		expect(clock.now()).toBe(0);
		expect(budget.waiting).toBe(0);
	});
});
