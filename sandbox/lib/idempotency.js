'use strict';

// Stored responses for `Idempotency-Key` replays. The fingerprint ties a key
// to one exact request (method, path and body), so reusing the key for a
// different request can be refused instead of replayed.

const DEFAULT_LIMIT = 10_000;

class IdempotencyStore {
	constructor(limit = DEFAULT_LIMIT) {
		this.limit = limit;
		this.records = new Map();
	}

	/** `{ kind: 'new' }`, `{ kind: 'replay', response }` or `{ kind: 'mismatch' }`. */
	lookup(scope, key, fingerprint) {
		const record = this.records.get(`${scope}\n${key}`);
		if (!record) return { kind: 'new' };
		if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
		return { kind: 'replay', response: structuredClone(record.response) };
	}

	save(scope, key, fingerprint, response) {
		// Maps iterate in insertion order, so the first key is the oldest one.
		if (this.records.size >= this.limit) this.records.delete(this.records.keys().next().value);
		this.records.set(`${scope}\n${key}`, { fingerprint, response: structuredClone(response) });
	}

	clear() {
		this.records.clear();
	}
}

/** Same request = same method, path and JSON body (object key order ignored). */
function requestFingerprint(method, path, body) {
	return `${method} ${path} ${stableStringify(body ?? null)}`;
}

function stableStringify(value) {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

module.exports = { IdempotencyStore, requestFingerprint };
