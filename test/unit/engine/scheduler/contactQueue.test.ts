import { WaitCancelled } from '../../../../nodes/engine/scheduler/cancellation';
import { ContactQueue } from '../../../../nodes/engine/scheduler/contactQueue';
import { settle } from '../../helpers/fakeClock';

describe('ContactQueue', () => {
	it('gives one contact one turn at a time, in arrival order, and leaves others alone', async () => {
		const queue = new ContactQueue();
		const order: string[] = [];
		const take = async (key: string, name: string) => {
			const release = await queue.acquire(key);
			order.push(name);
			return release;
		};
		const first = take('ana', 'ana-1');
		const second = take('ana', 'ana-2');
		const third = take('ana', 'ana-3');
		const other = take('bob', 'bob-1');
		await settle();

		expect(order).toEqual(['ana-1', 'bob-1']);
		(await first)();
		await settle();
		expect(order).toEqual(['ana-1', 'bob-1', 'ana-2']);
		(await second)();
		(await other)();
		await settle();
		expect(order).toEqual(['ana-1', 'bob-1', 'ana-2', 'ana-3']);
		(await third)();
		expect(queue.size).toBe(0);
	});

	it('drops a drained line at once', async () => {
		const queue = new ContactQueue();
		for (let index = 0; index < 1_000; index++) (await queue.acquire(`contact-${index}`))();

		expect(queue.size).toBe(0);
	});

	it('takes a cancelled waiter out of line and hands the turn to the next one', async () => {
		const queue = new ContactQueue();
		const cancel = new AbortController();
		const release = await queue.acquire('ana');
		const cancelled = queue.acquire('ana', cancel.signal).catch((caught: unknown) => caught);
		let laterGranted = false;
		const later = queue.acquire('ana').then((end) => {
			laterGranted = true;
			return end;
		});

		cancel.abort();
		expect(await cancelled).toBeInstanceOf(WaitCancelled);
		release();
		(await later)();

		expect(laterGranted).toBe(true);
		expect(queue.size).toBe(0);
	});
});
