'use strict';

// Bounded in-memory log of the requests the vendors received. A ring buffer
// keeps memory flat during long benchmarks: once `limit` entries exist, each
// new entry overwrites the oldest one and `dropped` counts the losses.

const DEFAULT_LIMIT = 50_000;
// Bodies bigger than this are summarised instead of kept, so the cap above
// also bounds memory when a client posts large payloads.
const MAX_LOGGED_BODY_CHARS = 64 * 1024;

class RequestLog {
	constructor(limit = DEFAULT_LIMIT) {
		if (!Number.isInteger(limit) || limit < 1)
			throw new Error('maxLogEntries must be a positive integer');
		this.limit = limit;
		this.clear();
	}

	clear() {
		this.buffer = new Array(this.limit);
		this.start = 0;
		this.size = 0;
		this.dropped = 0;
		this.nextId = 1;
	}

	/** Stores `entry` (after giving it an `id`) and returns the same object so callers can fill in the outcome later. */
	add(entry) {
		entry.id = this.nextId++;
		if (this.size < this.limit) {
			this.buffer[(this.start + this.size) % this.limit] = entry;
			this.size++;
		} else {
			this.buffer[this.start] = entry;
			this.start = (this.start + 1) % this.limit;
			this.dropped++;
		}
		return entry;
	}

	/** Oldest first. `vendor` filters by vendor name, `since` keeps entries with id > since. */
	list({ vendor, since } = {}) {
		const out = [];
		for (let i = 0; i < this.size; i++) {
			const entry = this.buffer[(this.start + i) % this.limit];
			if (vendor && entry.vendor !== vendor) continue;
			if (since !== undefined && entry.id <= since) continue;
			out.push(entry);
		}
		return out;
	}
}

/** What the log keeps of a request body: parsed JSON, the raw text when it was not JSON, or a size summary. */
function loggableBody(raw, parsed) {
	if (raw === '') return null;
	if (raw.length > MAX_LOGGED_BODY_CHARS) return { truncated: true, chars: raw.length };
	return parsed.invalid ? raw : parsed.body;
}

module.exports = { RequestLog, loggableBody, DEFAULT_LIMIT };
