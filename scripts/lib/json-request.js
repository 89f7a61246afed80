'use strict';
/**
 * One HTTP(S) request with an optional JSON body, its answer read whole: the scripts' calls to
 * n8n's REST API, the sandbox and the local registry. Resolves { status, headers, body }, the body
 * parsed when it is JSON and kept as text when not (a webhook may answer text).
 */

const http = require('node:http');
const https = require('node:https');

/**
 * Sends `body` (when given) as JSON; `timeoutMs` bounds the wait for the answer; `ca` trusts a
 * test certificate for https URLs.
 */
function requestJson(url, { method = 'GET', body, headers = {}, ca, timeoutMs = 10000 } = {}) {
	const transport = String(url).startsWith('https:') ? https : http;
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = transport.request(url, {
			method,
			...(ca ? { ca } : {}),
			timeout: timeoutMs,
			headers: {
				...(payload
					? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
					: {}),
				...headers,
			},
		});
		req.on('response', (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => {
				let parsed = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					// not JSON: keep the text
				}
				resolve({ status: res.statusCode, headers: res.headers, body: parsed });
			});
		});
		req.on('timeout', () =>
			req.destroy(new Error(`no answer from ${method} ${url} within ${timeoutMs / 1000} s`)),
		);
		req.on('error', reject);
		req.end(payload);
	});
}

module.exports = { requestJson };
