import { AccountBudget } from '../../../../nodes/engine/scheduler/accountBudget';
import {
	INITIAL_WINDOW,
	ROUND_WAIT_MAX_MS,
	SLOW_START_IDLE_MS,
} from '../../../../nodes/engine/scheduler/slowStart';
import { SchedulerRegistry } from '../../../../nodes/engine/scheduler/registry';
import { sendWithRetries } from '../../../../nodes/engine/transport';
import { FakeClock } from '../../helpers/fakeClock';
import { FixedWindowVendor, requestFor, senderFor, type Arrival } from './vendorSimulation';

const LIMITS = { maxRetries: 3, maxRateLimitWaitMs: 600_000, timeout: 30_000 };
const LATENCY_MS = 100;
/** A vendor that never throttles in these tests. */
const NO_LIMIT = 1_000_000;

/** How many requests the vendor received in each round trip (arrivals grouped by time). */
function perRoundTrip(arrivals: readonly Arrival[], from = 0): number[] {
	const rounds: number[] = [];
	for (const arrival of arrivals) {
		if (arrival.at < from) continue;
		const round = Math.floor((arrival.at - from) / LATENCY_MS);
		rounds[round] = (rounds[round] ?? 0) + 1;
	}
	return Array.from(rounds, (count) => count ?? 0);
}

function setUp(limit = NO_LIMIT, latencyMs = LATENCY_MS) {
	const clock = new FakeClock();
	const registry = new SchedulerRegistry(clock);
	const vendor = new FixedWindowVendor(clock, limit, 10_000, latencyMs);
	const transmit = async (request: Parameters<typeof vendor.answer>[0]) =>
		await vendor.answer(request);
	/** One run of `count` contacts at `concurrency`; resolves once every one is stored. */
	const run = async (name: string, count: number, concurrency: number) => {
		const sender = senderFor(registry, clock, transmit, { concurrency });
		await Promise.all(
			Array.from(
				{ length: count },
				async (_, index) =>
					await sendWithRetries(sender, requestFor(`${name}-${index}`), LIMITS, index),
			),
		);
	};
	/** `count` single-contact executions at once (a webhook spike). */
	const spike = async (name: string, count: number) => {
		await Promise.all(
			Array.from({ length: count }, async (_, index) => await run(`${name}-${index}`, 1, 5)),
		);
	};
	const finish = async (work: Promise<unknown>) => {
		let done = false;
		void work.then(() => (done = true));
		await clock.runUntil(() => done);
		await work;
	};
	return { clock, vendor, run, spike, finish };
}

describe('slow start: a new account ramps up before the vendor ever throttles', () => {
	it.each([
		[100, [4, 8, 16, 32, 40]],
		[250, [4, 8, 16, 32, 64, 126]],
		[3, [3]],
	])(
		'%i executions at once on a new account: the vendor sees %j requests per round trip',
		async (count, expected) => {
			const { vendor, spike, finish } = setUp();
			await finish(spike('webhook', count));

			expect(perRoundTrip(vendor.arrivals)).toEqual(expected);
			expect(vendor.arrivals.filter((arrival) => arrival.status === 200)).toHaveLength(count);
		},
	);

	it.each([5, 10, 20, 50])(
		'a bulk run at concurrency %i reaches it within a few round trips and stays there',
		async (concurrency) => {
			const { vendor, run, finish } = setUp();
			await finish(run('bulk', concurrency * 20, concurrency));

			const rounds = perRoundTrip(vendor.arrivals);
			expect(rounds[0]).toBe(Math.min(INITIAL_WINDOW, concurrency));
			// Doubling from 4: full concurrency by round log2(concurrency / 4) + 1.
			const full = rounds.findIndex((count) => count === concurrency);
			expect(full).toBeGreaterThanOrEqual(0);
			expect(full).toBeLessThanOrEqual(Math.ceil(Math.log2(concurrency / INITIAL_WINDOW)));
			const last = rounds.length - 1;
			expect(rounds.slice(full, last).every((count) => count === concurrency)).toBe(true);
		},
	);

	it.each([ROUND_WAIT_MAX_MS + 100, ROUND_WAIT_MAX_MS * 2, ROUND_WAIT_MAX_MS * 5])(
		'a vendor answering in %i ms (slower than a round may wait) still lets a bulk run reach its concurrency',
		async (latencyMs) => {
			const { clock, vendor, run, finish } = setUp(NO_LIMIT, latencyMs);
			const concurrency = 10;
			const items = 300;
			await finish(run('slow', items, concurrency));

			// Requests the vendor had in flight at once, at its busiest.
			const inFlightAt = (at: number) =>
				vendor.arrivals.filter((arrival) => arrival.at <= at && at < arrival.at + latencyMs).length;
			const busiest = Math.max(...vendor.arrivals.map((arrival) => inFlightAt(arrival.at)));
			expect(busiest).toBe(concurrency);
			// At Concurrency 10, 300 items take 30 round trips; a few more for the ramp, not 75.
			expect(clock.now() / latencyMs).toBeLessThan(items / concurrency + 6);
		},
	);

	it('a spike right after a bulk run starts from what the bulk run used, not from everything waiting', async () => {
		const { clock, vendor, run, spike, finish } = setUp();
		await finish(run('bulk', 200, 10));
		const spikeAt = clock.now();
		await finish(spike('webhook', 200));

		// The bulk run kept 10 in flight, so the window grew past 10 (to 16), not to 200.
		const first = perRoundTrip(vendor.arrivals, spikeAt)[0];
		expect(first).toBeGreaterThanOrEqual(10);
		expect(first).toBeLessThanOrEqual(2 * 10);
	});

	it.each([SLOW_START_IDLE_MS, SLOW_START_IDLE_MS * 6])(
		'after %i ms with nothing in flight the account starts small again',
		async (idleMs) => {
			const { clock, vendor, run, spike, finish } = setUp();
			await finish(run('bulk', 400, 50));
			await clock.advance(idleMs);
			const spikeAt = clock.now();
			await finish(spike('webhook', 100));

			expect(perRoundTrip(vendor.arrivals, spikeAt)).toEqual([4, 8, 16, 32, 40]);
		},
	);

	it.each([
		[20, [4, 8, 16], 8],
		[30, [4, 8, 16, 32], 30],
		[100, [4, 8, 16, 32, 64], 24],
	])(
		'against %i requests per 10 s, a spike of 240 sends %j in the first round trips, then waits out the 429s: %i refused',
		async (limit, rounds, refused) => {
			const { vendor, spike, finish } = setUp(limit);
			await finish(spike('webhook', 240));

			const firstWindow = vendor.arrivals.filter((arrival) => arrival.at < 10_000);
			// Nothing more goes out in the round trip in which the vendor starts refusing.
			expect(perRoundTrip(firstWindow)).toEqual(rounds);
			expect(firstWindow.filter((arrival) => arrival.status === 429)).toHaveLength(refused);
			expect(
				new Set(vendor.arrivals.filter((a) => a.status === 200).map((a) => a.contact)).size,
			).toBe(240);
		},
	);

	it(`one unanswered request holds the next round ${ROUND_WAIT_MAX_MS} ms at the most`, async () => {
		const clock = new FakeClock();
		const budget = new AccountBudget(clock);
		const first = await Promise.all(
			Array.from({ length: INITIAL_WINDOW }, async () => await budget.acquire(undefined, 60_000)),
		);
		for (const { ticket } of first.slice(1)) budget.record(ticket, 'accepted');
		let grantedAt: number | undefined;
		void budget.acquire(undefined, 60_000).then(() => (grantedAt = clock.now()));
		await clock.runUntil(() => grantedAt !== undefined);

		expect(grantedAt).toBe(ROUND_WAIT_MAX_MS);
	});
});
