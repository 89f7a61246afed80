import { onCancel, WaitCancelled } from './cancellation';

interface Waiter {
	grant: () => void;
}

/**
 * One contact at a time: requests for the same contact key wait in line, first come first
 * served, so the row that arrived later is written later and wins. A key's line is deleted as
 * soon as it drains, so memory follows the contacts in flight, not the contacts ever seen.
 */
export class ContactQueue {
	/** Contacts being written now; the array holds those waiting behind them, in order. */
	private readonly lines = new Map<string, Waiter[]>();

	/** Contacts with a request in flight or waiting. */
	get size(): number {
		return this.lines.size;
	}

	/**
	 * Takes the contact's turn, waiting behind earlier requests for the same contact. The place
	 * in line is taken synchronously, in call order. Resolves to the function that ends the turn;
	 * rejects with {@link WaitCancelled} when `signal` aborts first.
	 */
	async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
		if (signal?.aborted) throw new WaitCancelled();
		const free = this.tryAcquire(key);
		if (free) return free;
		const line = this.lines.get(key) as Waiter[];
		const release = this.releaser(key);
		return await new Promise<() => void>((resolve, reject) => {
			const waiter: Waiter = {
				grant: () => {
					stopListening();
					resolve(release);
				},
			};
			const stopListening = onCancel(signal, () => {
				const index = line.indexOf(waiter);
				if (index >= 0) line.splice(index, 1);
				reject(new WaitCancelled());
			});
			line.push(waiter);
		});
	}

	/**
	 * Takes the turn of a contact nobody is writing now, at once and without a promise: returns
	 * the function that ends the turn, or undefined when the contact is busy (then
	 * {@link acquire} waits in line).
	 */
	tryAcquire(key: string): (() => void) | undefined {
		if (this.lines.has(key)) return undefined;
		this.lines.set(key, []);
		return this.releaser(key);
	}

	/** Ends a turn once, however often it is called. */
	private releaser(key: string): () => void {
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			this.next(key);
		};
	}

	private next(key: string): void {
		const line = this.lines.get(key);
		const waiter = line?.shift();
		if (waiter) waiter.grant();
		else this.lines.delete(key);
	}
}
