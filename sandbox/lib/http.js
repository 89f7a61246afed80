'use strict';

// Plain helpers for reading requests and writing responses. Every handler in
// the sandbox returns a "response" value instead of writing to `res` itself:
//   { status, body }            -> JSON body
//   { status, text, headers }   -> raw text (HTML error pages, truncated JSON)
// so the router alone decides when (after latency, faults, logging) to write.

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req, limit = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			// Keep draining instead of destroying the socket so a 413 can still be sent.
			if (size > limit) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge }));
		req.on('error', reject);
	});
}

/** Parses a request body; `invalid` is set when the text is not JSON. Empty bodies are `undefined`. */
function parseJson(raw) {
	if (raw === '') return { body: undefined, invalid: false };
	try {
		return { body: JSON.parse(raw), invalid: false };
	} catch (error) {
		return { body: undefined, invalid: true, error: error.message };
	}
}

/** Splits `req.url` without normalising it, so encoded path segments reach the vendors untouched. */
function splitUrl(rawUrl) {
	const q = rawUrl.indexOf('?');
	const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
	const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
	return { pathname, rawQuery, query: new URLSearchParams(rawQuery) };
}

function json(status, body, headers = {}) {
	return { status, body, headers };
}

function send(res, response) {
	if (res.destroyed || res.writableEnded) return;
	const headers = { ...(response.headers || {}) };
	let payload = '';
	if (response.text !== undefined) {
		payload = response.text;
		if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'text/plain; charset=utf-8';
	} else if (response.body !== undefined) {
		payload = JSON.stringify(response.body);
		if (!hasHeader(headers, 'content-type'))
			headers['content-type'] = 'application/json; charset=utf-8';
	}
	headers['content-length'] = Buffer.byteLength(payload);
	res.writeHead(response.status, headers);
	res.end(payload);
}

function hasHeader(headers, name) {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Value of an `Authorization: Bearer <token>` header, or null. */
function bearerToken(headers) {
	const match = /^Bearer\s+(.+)$/i.exec(headers.authorization || '');
	return match ? match[1].trim() : null;
}

module.exports = {
	MAX_BODY_BYTES,
	readBody,
	parseJson,
	splitUrl,
	json,
	send,
	isPlainObject,
	bearerToken,
};
