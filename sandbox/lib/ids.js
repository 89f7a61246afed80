'use strict';

const { randomUUID, randomBytes } = require('node:crypto');

// Identifier shapes each vendor really uses, so clients that validate or parse
// ids (UUIDs, Mongo ObjectIds, numeric strings) see realistic values.

/** RFC 4122 v4 UUID (matches Vambe's UUID pattern). */
const uuid = () => randomUUID();

/** 24 hex chars: 4-byte timestamp + 8 random bytes, like a MongoDB ObjectId (Rampwin). */
function objectId() {
	const seconds = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	return seconds + randomBytes(8).toString('hex');
}

/** Monotonic numeric-string ids (ChatbotX uses 17-digit snowflake-like strings). */
function numericIdSequence(start = 11590944070189056n) {
	let next = BigInt(start);
	return () => String(next++);
}

module.exports = { uuid, objectId, numericIdSequence };
