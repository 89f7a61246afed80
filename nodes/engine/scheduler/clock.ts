import { sleep, sleepWithAbort } from 'n8n-workflow';

/**
 * Time as the scheduler sees it. Injected so tests can run minutes of rate limiting on a fake
 * clock; the node uses {@link systemClock}.
 */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/** Calls `callback` after `ms`; the returned function cancels the call. */
	schedule(callback: () => void, ms: number): () => void;
}

/** Real time, through n8n's own timer helpers (community nodes may not use timers directly). */
export const systemClock: Clock = {
	now: () => Date.now(),
	schedule(callback, ms) {
		const controller = new AbortController();
		// `sleepWithAbort` clears its timer on abort, so a cancelled wait holds nothing. n8n
		// versions without it get `sleep`, whose timer then runs out unused.
		const wait =
			typeof sleepWithAbort === 'function'
				? sleepWithAbort(Math.max(0, ms), controller.signal)
				: sleep(Math.max(0, ms));
		wait.then(
			() => {
				if (!controller.signal.aborted) callback();
			},
			() => undefined,
		);
		return () => controller.abort();
	},
};
