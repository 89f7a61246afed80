/**
 * Requests a new account may have in flight before any answer came back (TCP's initial window).
 */
export const INITIAL_WINDOW = 4;
/**
 * Nothing in flight or waiting for this long and a never-throttled account starts from
 * {@link INITIAL_WINDOW} again: what it knew about the vendor is old, the vendor's window new.
 */
export const SLOW_START_IDLE_MS = 10_000;
/**
 * The longest a full round waits for its last answers before the next round may start: one slow
 * request must not hold every other execution of the account for its whole timeout.
 */
export const ROUND_WAIT_MAX_MS = 2_000;

/**
 * TCP's slow start for an account the vendor has never throttled: a window of requests in
 * flight that starts at {@link INITIAL_WINDOW} and doubles every round trip while the vendor
 * accepts. A spike of executions thus sends about the vendor's limit before the first 429 can stop
 * it, not every waiting execution, while a bulk run reaches its Concurrency in a few round trips.
 *
 * Rounds are whole: once a round has filled the window, nothing more is sent until its answers
 * are in (or {@link ROUND_WAIT_MAX_MS} passed), and then the window grows by the accepted ones.
 * Refilling from each answer instead would send more in the very round trip in which the vendor
 * starts refusing, before its 429s arrive. A round that ends without filling the window (the runs
 * ask for less) does not grow it, so the window stays near what the runs use.
 */
export class SlowStart {
	private window = INITIAL_WINDOW;

	private round = 0;

	private sent = 0;

	private open = 0;

	private accepted = 0;

	/** When the current round filled the window and began waiting for its answers. */
	private fullSince: number | undefined;

	/** The last round whose wait ran out before all its answers were in. */
	private expiredRound: number | undefined;

	/** Requests in flight the window allows now. */
	get size(): number {
		return this.window;
	}

	/**
	 * When sending is held for the current round's answers: the time the hold ends at the latest,
	 * or undefined when it is not held (a hold that has run out ends here).
	 */
	holdEndsAt(now: number): number | undefined {
		if (this.fullSince === undefined) return undefined;
		if (now - this.fullSince < ROUND_WAIT_MAX_MS) return this.fullSince + ROUND_WAIT_MAX_MS;
		// A vendor slower than the wait: grow by what it accepted so far; later answers of this
		// round still grow the window (below), so a slow vendor ramps up as a fast one does.
		this.expiredRound = this.round;
		this.nextRound(this.accepted);
		return undefined;
	}

	/** Whether one more request may go, with `inFlight` of the account's requests out. */
	allows(inFlight: number, now: number): boolean {
		return this.holdEndsAt(now) === undefined && inFlight < this.window;
	}

	/** Counts a request let through (`inFlight` includes it); returns its round. */
	onSent(inFlight: number, now: number): number {
		const round = this.round;
		this.sent++;
		this.open++;
		if (this.sent >= this.window) {
			if (inFlight >= this.window) this.fullSince = now;
			else this.nextRound(0);
		}
		return round;
	}

	/** Counts an answer to a request of `round`; true when that let a new round begin. */
	onAnswer(round: number, accepted: boolean): boolean {
		if (round !== this.round) {
			if (accepted && round === this.expiredRound) this.window++;
			return false;
		}
		this.open--;
		if (accepted) this.accepted++;
		if (this.fullSince === undefined || this.open > 0) return false;
		this.nextRound(this.accepted);
		return true;
	}

	/** Starts from {@link INITIAL_WINDOW} again (after a long idle). */
	restart(): void {
		this.window = INITIAL_WINDOW;
		this.expiredRound = undefined;
		this.nextRound(0);
	}

	private nextRound(growth: number): void {
		this.window += growth;
		this.round++;
		this.sent = 0;
		this.open = 0;
		this.accepted = 0;
		this.fullSince = undefined;
	}
}
