import { onCancel, WaitCancelled } from './cancellation';

interface Waiter {
	grant: () => void;
	cancel: () => void;
}

/**
 * A counting semaphore with first-come first-served waiters whose wait ends at once when the
 * execution is cancelled. Caps one run's requests in flight (Options → Concurrency).
 */
export class Slots {
	private used = 0;

	private readonly waiters: Waiter[] = [];

	constructor(private readonly size: number) {}

	/** Slots taken now. */
	get inUse(): number {
		return this.used;
	}

	/**
	 * Takes a free slot at once, when one is free and nobody waits; false otherwise (then
	 * {@link acquire}). The common case costs no promise and no hop through the microtask queue.
	 */
	tryAcquire(): boolean {
		if (this.used >= this.size || this.waiters.length > 0) return false;
		this.used++;
		return true;
	}

	/** Takes a slot, waiting in line for one; rejects with {@link WaitCancelled} on cancel. */
	async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw new WaitCancelled();
		if (this.tryAcquire()) return;
		await new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {
				grant: () => {
					stopListening();
					resolve();
				},
				cancel: () => reject(new WaitCancelled()),
			};
			const stopListening = onCancel(signal, () => {
				const index = this.waiters.indexOf(waiter);
				if (index >= 0) this.waiters.splice(index, 1);
				waiter.cancel();
			});
			this.waiters.push(waiter);
		});
	}

	/** Gives a slot back, handing it straight to the next waiter. */
	release(): void {
		const next = this.waiters.shift();
		if (next) next.grant();
		else this.used--;
	}
}
