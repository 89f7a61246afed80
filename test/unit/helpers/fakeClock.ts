import type { Clock } from '../../../nodes/engine/scheduler/clock';

interface Timer {
	at: number;
	order: number;
	callback: () => void;
	cancelled: boolean;
}

/** Lets every pending promise chain settle (the scheduler under test uses no real timers). */
export async function settle(): Promise<void> {
	for (let turn = 0; turn < 50; turn++) await Promise.resolve();
}

/**
 * Virtual time for the scheduler: timers fire only when the test moves the clock, in time
 * order, with promises settled in between. Minutes of rate limiting run in milliseconds.
 */
export class FakeClock implements Clock {
	private time = 0;

	private order = 0;

	private timers: Timer[] = [];

	now(): number {
		return this.time;
	}

	schedule(callback: () => void, ms: number): () => void {
		const timer: Timer = {
			at: this.time + Math.max(0, ms),
			order: this.order++,
			callback,
			cancelled: false,
		};
		this.timers.push(timer);
		return () => {
			timer.cancelled = true;
		};
	}

	/** Moves time forward by `ms`, firing every timer due on the way. */
	async advance(ms: number): Promise<void> {
		await this.runUntil(() => false, this.time + ms);
	}

	/**
	 * Fires timers in order until `done()` holds, no timer is left before `until`, or time
	 * reaches `until`; time ends at the last timer fired, or at `until` when it was passed.
	 */
	async runUntil(done: () => boolean, until = Infinity): Promise<void> {
		for (;;) {
			await settle();
			if (done()) return;
			this.timers = this.timers.filter((timer) => !timer.cancelled);
			const next = this.timers.reduce<Timer | undefined>(
				(earliest, timer) =>
					!earliest ||
					timer.at < earliest.at ||
					(timer.at === earliest.at && timer.order < earliest.order)
						? timer
						: earliest,
				undefined,
			);
			if (!next || next.at > until) {
				if (until !== Infinity) this.time = Math.max(this.time, until);
				return;
			}
			this.timers.splice(this.timers.indexOf(next), 1);
			this.time = next.at;
			next.callback();
		}
	}
}
