'use strict';
/**
 * A webhook spike: many POSTs sent at the same moment to one loopback URL, one JSON body each,
 * the way a sign-up form or a shop's checkout webhook floods a workflow. Bounded: every call has
 * its own timeout and the whole spike a deadline, after which what is still open is aborted and
 * counted as failed.
 *
 *   const result = await sendSpike({ url, bodies: contacts.map((c) => ({ contact: c })) });
 *   result.answered  // calls answered 2xx
 *   result.failed    // [{ index, status?, error? }]
 */

const { setMaxListeners } = require('node:events');
const http = require('node:http');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function assertLoopback(url) {
	const { hostname, protocol } = new URL(url);
	if (protocol !== 'http:' || !LOOPBACK.has(hostname)) {
		throw new Error(`sendSpike only sends to loopback http URLs, not ${url}`);
	}
}

/** One POST; resolves { status } or { error } (never rejects). */
function post(url, body, { agent, timeoutMs, signal }) {
	return new Promise((resolve) => {
		const payload = JSON.stringify(body);
		let settled = false;
		const settle = (outcome) => {
			if (settled) return;
			settled = true;
			resolve(outcome);
		};
		const request = http.request(url, {
			method: 'POST',
			agent,
			signal,
			timeout: timeoutMs,
			headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
		});
		request.on('response', (response) => {
			response.resume();
			response.on('end', () => settle({ status: response.statusCode }));
			response.on('error', (error) => settle({ error: error.message }));
		});
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', (error) => settle({ error: error.message }));
		request.end(payload);
	});
}

/**
 * Sends every body at once (each on its own connection) and waits for all answers.
 * Options: url (loopback http), bodies (array of JSON values), requestTimeoutMs (default 60 s),
 * deadlineMs (whole spike, default 120 s).
 * Resolves { sent, answered, failed: [{ index, status?, error? }], statuses: { code: count }, ms }.
 */
async function sendSpike({ url, bodies, requestTimeoutMs = 60000, deadlineMs = 120000 }) {
	assertLoopback(url);
	const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
	const controller = new AbortController();
	// one abort listener per open call
	setMaxListeners(bodies.length + 10, controller.signal);
	const deadline = setTimeout(() => controller.abort(), deadlineMs);
	const started = Date.now();
	try {
		const outcomes = await Promise.all(
			bodies.map((body) =>
				post(url, body, { agent, timeoutMs: requestTimeoutMs, signal: controller.signal }),
			),
		);
		const statuses = {};
		const failed = [];
		outcomes.forEach((outcome, index) => {
			const key = outcome.status === undefined ? 'error' : String(outcome.status);
			statuses[key] = (statuses[key] || 0) + 1;
			if (outcome.status === undefined || outcome.status < 200 || outcome.status >= 300) {
				failed.push({ index, ...outcome });
			}
		});
		return {
			sent: bodies.length,
			answered: bodies.length - failed.length,
			failed,
			statuses,
			ms: Date.now() - started,
		};
	} finally {
		clearTimeout(deadline);
		agent.destroy();
	}
}

module.exports = { sendSpike, assertLoopback };
