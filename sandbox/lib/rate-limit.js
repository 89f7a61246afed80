'use strict';

// Fixed-window counter: the first request opens a window of `windowMs`; the
// `limit`-th request inside it is the last one allowed. This is the algorithm
// ChatbotX's own limiter uses (120 requests per 10 s per workspace token).

class FixedWindowLimiter {
	constructor(clock = Date.now) {
		this.clock = clock;
		this.windows = new Map();
	}

	/**
	 * Counts one request for `key`. Returns `{ limited: false }`, or
	 * `{ limited: true, retryAfterSeconds }` with the whole seconds until the window closes.
	 */
	hit(key, { limit, windowMs }) {
		const now = this.clock();
		let window = this.windows.get(key);
		if (!window || now >= window.startedAt + windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(key, window);
		}
		window.count++;
		if (window.count <= limit) return { limited: false };
		const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
		return { limited: true, retryAfterSeconds };
	}

	reset() {
		this.windows.clear();
	}
}

module.exports = { FixedWindowLimiter };
