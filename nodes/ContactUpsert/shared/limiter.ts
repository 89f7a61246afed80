import { sleep } from 'n8n-workflow';

/**
 * Shared pacing for one run of the node: at most `limit` requests in flight, and a run-wide pause
 * when a vendor says it is rate limiting. A 429 halves the allowance (down to one) and pauses
 * everyone for the time the vendor asked; every `limit` successes in a row win one slot back, up to
 * the configured concurrency. So a run that hits a limit slows down as a whole instead of each
 * request discovering the limit on its own, and speeds up again once the vendor is happy.
 */
export class AdaptiveLimiter {
	private limit: number;

	private active = 0;

	private successStreak = 0;

	private pausedUntil = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly maxConcurrency: number,
		private readonly now: () => number = Date.now,
	) {
		this.limit = maxConcurrency;
	}

	/** Requests currently allowed in flight. */
	get allowance(): number {
		return this.limit;
	}

	/** Requests in flight now. */
	get inFlight(): number {
		return this.active;
	}

	/** Waits for a free slot and for any run-wide pause to end, then takes the slot. */
	async acquire(): Promise<void> {
		for (;;) {
			const pause = this.pausedUntil - this.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.active < this.limit) {
				this.active++;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	/** Gives the slot back; `succeeded` feeds the recovery after a rate limit. */
	release(succeeded: boolean): void {
		this.active--;
		if (succeeded && this.limit < this.maxConcurrency) {
			this.successStreak++;
			if (this.successStreak >= this.limit) {
				this.limit++;
				this.successStreak = 0;
			}
		}
		this.wake();
	}

	/** The vendor answered 429: slow the whole run down and pause it for `delayMs`. */
	rateLimited(delayMs: number): void {
		this.limit = Math.max(1, Math.floor(this.limit / 2));
		this.successStreak = 0;
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + delayMs);
	}

	private wake(): void {
		let free = this.limit - this.active;
		while (free-- > 0 && this.waiting.length) this.waiting.shift()?.();
	}
}
