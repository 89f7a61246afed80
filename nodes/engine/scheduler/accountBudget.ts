// One class: the learned pace, the pauses and the waiting queue of an account share their state, so they stay together.
import { onCancel, WaitCancelled } from './cancellation';
import type { Clock } from './clock';
import { SLOW_START_IDLE_MS, SlowStart } from './slowStart';

export { INITIAL_WINDOW, SLOW_START_IDLE_MS } from './slowStart';

/** Share of the measured pace kept after a rate limit: a little under what the vendor took. */
const MEASURED_SHARE = 0.9;
/** Multiplicative decrease on each new rate limit once a pace is set (TCP's AIMD). */
const DECREASE = 0.8;
/** How often the pace is raised while requests keep waiting for it and no 429 comes. */
const PROBE_INTERVAL_MS = 5_000;
/** How much each probe adds, as a share of the pace set at the last rate limit. */
const PROBE_STEP = 0.05;
/** Slowest pace ever set: one request per 30 s. */
const MIN_RATE_PER_MS = 1 / 30_000;
/** Pause after a 429 that says nothing about when to come back, doubled while nothing passes. */
const DEFAULT_PAUSE_MS = 2_000;
const MAX_DEFAULT_PAUSE_MS = 60_000;
/**
 * Shortest pause after any 429, whatever the vendor asked for (`Retry-After: 0`, a date in the
 * past, "Retry after 0s."), doubled while nothing passes: a vendor that keeps saying "retry now"
 * must never get a request storm, which can get the customer's API key blocked.
 */
export const MIN_PAUSE_MS = 1_000;
/**
 * The longest an account stays paused on a vendor's word: after that one request asks again. A
 * wrong or absurd Retry-After (a year, 2^53 ms) must not lock the account for the life of the n8n
 * process; one request per such pause is still no storm.
 */
export const MAX_ACCOUNT_PAUSE_MS = 600_000;
/** A gap this long with nothing in flight starts a new measurement of the vendor's pace. */
const IDLE_GAP_MS = 1_000;

/** Proof that a request was let through, handed back with its outcome. */
export interface Ticket {
	readonly epoch: number;
	/** Its slow-start round (see SlowStart). */
	readonly round: number;
}

/** What a request let through by the budget came back with. */
export type Outcome = 'accepted' | 'throttled' | 'other';

/** Thrown when waiting for the budget would take longer than the item may still wait. */
export class RateLimitWaitExceeded extends Error {
	constructor(
		/** The pause the vendor asked for, when that is what does not fit. */
		readonly pauseMs: number | undefined,
	) {
		super('The rate-limit wait budget ran out');
		this.name = 'RateLimitWaitExceeded';
	}
}

interface Waiter {
	enqueuedAt: number;
	deadline: number;
	grant(ticket: Ticket, waitedMs: number): void;
	fail(error: Error): void;
}

/**
 * The request budget of one vendor account, shared by every execution in the process: a
 * client-side token bucket whose rate follows the vendor's throttling answers, as the AWS SDK's
 * adaptive retry mode does.
 *
 * - Until the first 429 nothing is paced, but requests in flight are capped by a window that
 *   starts at 4 and doubles every round trip while the vendor accepts, up to what the runs'
 *   Concurrency asks for (TCP's slow start, see {@link SlowStart}). After
 *   {@link SLOW_START_IDLE_MS} with nothing in flight it starts small again.
 * - A 429 pauses every request of the account until the vendor's time (at least
 *   {@link MIN_PAUSE_MS}, doubled while nothing passes), then sets the pace to
 *   a little under what the vendor accepted from the start of that stretch to the end of the
 *   pause, and releases waiting requests one by one at that pace, not all at once.
 * - While requests keep waiting for the pace and no new 429 comes, the pace rises by a small
 *   step per interval (additive increase); each new 429 cuts it (multiplicative decrease).
 *   A 429 for a request sent before the pause began is a straggler of the same burst and does
 *   not cut again.
 */
export class AccountBudget {
	/** Requests per millisecond, or undefined while the vendor has never throttled. */
	private rate: number | undefined;

	private baseRate = 0;

	private tokens = 1;

	private refilledAt = 0;

	private pausedUntil = 0;

	private epoch = 0;

	private epochStartedAt: number | undefined;

	private acceptedInEpoch = 0;

	/** The stretch that ended in a 429, measured until the pause ends. */
	private ended: { startedAt: number; accepted: number } | undefined;

	private fruitlessPauses = 0;

	private lastProbeAt = 0;

	private inFlight = 0;

	/** The cap on requests in flight while nothing is paced. */
	private readonly slowStart = new SlowStart();

	private lastActiveAt: number;

	private readonly queue: Waiter[] = [];

	private cancelTimer: (() => void) | undefined;

	private timerAt = Infinity;

	constructor(private readonly clock: Clock) {
		this.lastActiveAt = clock.now();
	}

	/** Requests per second the budget allows now, or undefined while nothing is paced. */
	get ratePerSecond(): number | undefined {
		return this.rate === undefined ? undefined : this.rate * 1000;
	}

	/** Requests in flight the budget allows now (slow start), or undefined once paced. */
	get windowSize(): number | undefined {
		return this.rate === undefined ? this.slowStart.size : undefined;
	}

	/** Requests waiting for the budget. */
	get waiting(): number {
		return this.queue.length;
	}

	/** How long nothing has been in flight or waiting, or 0 while something is. */
	idleFor(now: number): number {
		if (this.inFlight > 0 || this.queue.length > 0 || now < this.pausedUntil) return 0;
		return now - this.lastActiveAt;
	}

	/**
	 * Lets one request through at once when nobody waits and the budget allows it: the ticket to
	 * report the outcome with, or undefined (then {@link acquire} waits in line). The common case,
	 * an account below its window, costs no promise.
	 */
	tryAcquire(): Ticket | undefined {
		const now = this.clock.now();
		this.settle(now);
		this.restartIfIdle(now);
		if (this.queue.length > 0 || !this.canSend(now)) return undefined;
		return this.grant(now);
	}

	/**
	 * Waits until the account may send one more request, in line with every other request of the
	 * account. Resolves with the ticket to report the outcome with and the time waited. Rejects
	 * with {@link RateLimitWaitExceeded} once `maxWaitMs` would be passed (at once when a pause
	 * already runs longer), and with {@link WaitCancelled} when `signal` aborts.
	 */
	async acquire(
		signal: AbortSignal | undefined,
		maxWaitMs: number,
	): Promise<{ ticket: Ticket; waitedMs: number }> {
		if (signal?.aborted) throw new WaitCancelled();
		const now = this.clock.now();
		this.settle(now);
		this.restartIfIdle(now);
		if (this.pausedUntil - now > maxWaitMs) {
			throw new RateLimitWaitExceeded(this.pausedUntil - now);
		}
		if (this.queue.length === 0 && this.canSend(now)) {
			return { ticket: this.grant(now), waitedMs: 0 };
		}
		return await new Promise((resolve, reject) => {
			const waiter: Waiter = {
				enqueuedAt: now,
				deadline: now + maxWaitMs,
				grant: (ticket, waitedMs) => {
					done();
					resolve({ ticket, waitedMs });
				},
				fail: (error) => {
					done();
					reject(error);
				},
			};
			const remove = () => {
				const index = this.queue.indexOf(waiter);
				if (index >= 0) this.queue.splice(index, 1);
				if (this.queue.length === 0) this.stopTimer();
			};
			const stopDeadline = this.clock.schedule(() => {
				remove();
				waiter.fail(new RateLimitWaitExceeded(undefined));
			}, maxWaitMs);
			const stopListening = onCancel(signal, () => {
				remove();
				waiter.fail(new WaitCancelled());
			});
			const done = () => {
				stopDeadline();
				stopListening();
			};
			this.queue.push(waiter);
			this.pump();
		});
	}

	/**
	 * Reports what a request let through came back with. `askedMs` is the wait a 429 asked
	 * for (Retry-After or the vendor's message), if it said.
	 */
	record(ticket: Ticket, outcome: Outcome, askedMs?: number): void {
		const now = this.clock.now();
		this.inFlight--;
		this.lastActiveAt = now;
		this.slowStart.onAnswer(ticket.round, outcome === 'accepted');
		if (outcome === 'accepted') {
			if (ticket.epoch === this.epoch) this.acceptedInEpoch++;
			else if (ticket.epoch === this.epoch - 1 && this.ended) this.ended.accepted++;
		} else if (outcome === 'throttled') {
			if (ticket.epoch === this.epoch) {
				const doubling = 2 ** this.fruitlessPauses;
				const fallback = Math.min(MAX_DEFAULT_PAUSE_MS, DEFAULT_PAUSE_MS * doubling);
				const floor = Math.min(MAX_DEFAULT_PAUSE_MS, MIN_PAUSE_MS * doubling);
				// Jitter keeps separate processes sharing one account from coming back in step.
				const pause = Math.max(
					floor,
					askedMs ?? Math.round(fallback * (0.75 + Math.random() * 0.5)),
				);
				this.ended = { startedAt: this.epochStartedAt ?? now, accepted: this.acceptedInEpoch };
				this.epoch++;
				this.acceptedInEpoch = 0;
				this.epochStartedAt = undefined;
				this.pauseUntil(now + pause);
			} else if (askedMs !== undefined) {
				this.pauseUntil(now + askedMs);
			}
		}
		this.pump();
	}

	/** Pauses the account until `until`, or {@link MAX_ACCOUNT_PAUSE_MS} from now at the most. */
	private pauseUntil(until: number): void {
		const capped = Math.min(until, this.clock.now() + MAX_ACCOUNT_PAUSE_MS);
		this.pausedUntil = Math.max(this.pausedUntil, capped);
	}

	/** Ends a pause that is over: learns the pace from the stretch before it. */
	private settle(now: number): void {
		if (!this.ended || now < this.pausedUntil) return;
		const { startedAt, accepted } = this.ended;
		this.ended = undefined;
		const span = Math.max(1, this.pausedUntil - startedAt);
		// Nothing accepted: at most one request per such stretch is what the evidence says.
		const measured = (Math.max(1, accepted) / span) * MEASURED_SHARE;
		const cut = this.rate === undefined ? measured : Math.min(measured, this.rate * DECREASE);
		this.rate = Math.max(MIN_RATE_PER_MS, cut);
		this.baseRate = this.rate;
		this.fruitlessPauses = accepted === 0 ? this.fruitlessPauses + 1 : 0;
		this.tokens = 1;
		this.refilledAt = now;
		this.lastProbeAt = now;
		this.epochStartedAt = now;
	}

	/** A never-throttled account idle for long starts small again. */
	private restartIfIdle(now: number): void {
		if (this.rate !== undefined || this.inFlight > 0 || this.queue.length > 0) return;
		if (now - this.lastActiveAt >= SLOW_START_IDLE_MS) this.slowStart.restart();
	}

	private canSend(now: number): boolean {
		if (now < this.pausedUntil) return false;
		if (this.rate === undefined) return this.slowStart.allows(this.inFlight, now);
		this.refill(now);
		return this.tokens >= 1;
	}

	private refill(now: number): void {
		if (this.rate === undefined) return;
		this.tokens = Math.min(1, this.tokens + (now - this.refilledAt) * this.rate);
		this.refilledAt = now;
		// Additive increase: requests are waiting for the pace and the vendor has not objected.
		if (this.queue.length > 0 && now - this.lastProbeAt >= PROBE_INTERVAL_MS) {
			this.rate += this.baseRate * PROBE_STEP;
			this.lastProbeAt = now;
		}
	}

	private grant(now: number): Ticket {
		if (this.inFlight === 0 && now - this.lastActiveAt >= IDLE_GAP_MS) {
			this.epochStartedAt = now;
			this.acceptedInEpoch = 0;
		}
		this.epochStartedAt ??= now;
		if (this.rate !== undefined) this.tokens -= 1;
		this.inFlight++;
		this.lastActiveAt = now;
		const round = this.rate === undefined ? this.slowStart.onSent(this.inFlight, now) : -1;
		return { epoch: this.epoch, round };
	}

	/** Lets waiting requests through as far as the pause and the pace allow. */
	private pump(): void {
		const now = this.clock.now();
		this.settle(now);
		while (this.queue.length > 0) {
			if (now < this.pausedUntil) {
				this.failWaitersPast(this.pausedUntil);
				if (this.queue.length > 0) this.wakeAt(this.pausedUntil, now);
				return;
			}
			if (!this.canSend(now)) {
				// Slow start: the next answer lets the next one go, or the end of a round's wait.
				if (this.rate === undefined) {
					const until = this.slowStart.holdEndsAt(now);
					if (until !== undefined) this.wakeAt(until, now);
					return;
				}
				const rate = this.rate;
				this.wakeAt(now + Math.ceil((1 - this.tokens) / rate), now);
				return;
			}
			const waiter = this.queue.shift() as Waiter;
			waiter.grant(this.grant(now), now - waiter.enqueuedAt);
		}
	}

	/** A pause that outlasts a waiter's budget fails it now rather than at its deadline. */
	private failWaitersPast(until: number): void {
		for (const waiter of [...this.queue]) {
			if (waiter.deadline < until) {
				this.queue.splice(this.queue.indexOf(waiter), 1);
				waiter.fail(new RateLimitWaitExceeded(until - this.clock.now()));
			}
		}
		if (this.queue.length === 0) this.stopTimer();
	}

	/** Nobody waits any more: hold no timer (a long pause must not keep the process busy). */
	private stopTimer(): void {
		this.cancelTimer?.();
		this.cancelTimer = undefined;
		this.timerAt = Infinity;
	}

	private wakeAt(at: number, now: number): void {
		if (this.cancelTimer && this.timerAt <= at) return;
		this.cancelTimer?.();
		this.timerAt = at;
		this.cancelTimer = this.clock.schedule(
			() => {
				this.cancelTimer = undefined;
				this.timerAt = Infinity;
				this.pump();
			},
			Math.max(0, at - now),
		);
	}
}
