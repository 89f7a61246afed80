import { SchedulerRegistry } from '../../../../nodes/engine/scheduler/registry';
import { sendWithRetries } from '../../../../nodes/engine/transport';
import { FakeClock } from '../../helpers/fakeClock';
import { FixedWindowVendor, requestFor, senderFor } from './vendorSimulation';

const LIMITS = { maxRetries: 3, maxRateLimitWaitMs: 600_000, timeout: 30_000 };

/**
 * A spike of single-contact executions (webhook calls) and a few batch runs against one vendor
 * account limited to 30 requests per 10 s, on a fake clock.
 */
async function simulateSpike(executions: number, batchRuns: number, batchSize: number) {
	const clock = new FakeClock();
	const registry = new SchedulerRegistry(clock);
	const vendor = new FixedWindowVendor(clock, 30, 10_000);
	const outcomes: Array<'ok' | string> = [];
	const runs: Array<Promise<void>> = [];
	const send = async (contact: string, sender: ReturnType<typeof senderFor>, index: number) => {
		try {
			await sendWithRetries(sender, requestFor(contact), LIMITS, index);
			outcomes.push('ok');
		} catch (error) {
			outcomes.push((error as Error).message);
		}
	};
	for (let run = 0; run < executions; run++) {
		const sender = senderFor(registry, clock, async (request) => await vendor.answer(request));
		runs.push(send(`webhook-${run}`, sender, 0));
	}
	for (let run = 0; run < batchRuns; run++) {
		const sender = senderFor(registry, clock, async (request) => await vendor.answer(request), {
			concurrency: 10,
		});
		runs.push(
			Promise.all(
				Array.from({ length: batchSize }, (_, index) =>
					send(`batch-${run}-${index}`, sender, index),
				),
			).then(() => undefined),
		);
	}
	const total = executions + batchRuns * batchSize;
	await clock.runUntil(() => outcomes.length === total);
	await Promise.all(runs);
	const afterFirstWindow = vendor.arrivals.filter((arrival) => arrival.at >= 10_000);
	const throttledLater = afterFirstWindow.filter((arrival) => arrival.status === 429).length;
	return {
		outcomes,
		total,
		requests: vendor.arrivals.length,
		stored: new Set(vendor.arrivals.filter((a) => a.status === 200).map((a) => a.contact)).size,
		accepted: vendor.arrivals.filter((a) => a.status === 200).length,
		share429AfterFirstWindow: throttledLater / afterFirstWindow.length,
		finishedAtMs: clock.now(),
		floorMs: (total / 30) * 10_000,
	};
}

describe('one budget per vendor account, shared by every execution', () => {
	it('stores every contact of a spike and keeps 429s under 1 in 10 after the first window', async () => {
		const result = await simulateSpike(240, 2, 30);

		// At the time of writing: 532 requests for 300 contacts, 0.7 % of the requests after the
		// first window were 429s, and the spike ended at 105 s of virtual time (floor: 100 s).
		expect(result.outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(result.stored).toBe(result.total);
		expect(result.accepted).toBe(result.total);
		expect(result.share429AfterFirstWindow).toBeLessThan(0.1);
		expect(result.finishedAtMs).toBeLessThan(result.floorMs * 1.5);
	});
});
