'use strict';
/**
 * What the vendor sandbox received, reduced to what the tests compare: method, raw path (with its
 * encoding and query string), the auth header and the parsed JSON body.
 */

const AUTH_HEADER = {
	vambe: 'x-api-key',
	chatbotx: 'authorization',
	rampwin: 'x-api-key',
	hypersender: 'authorization',
};

function received(sandbox, vendor) {
	return sandbox.requests({ vendor }).map((request) => ({
		method: request.method,
		path: request.path,
		auth: request.headers[AUTH_HEADER[vendor]],
		body: request.body,
	}));
}

/**
 * `actual` and `expected` hold the same requests, in any order: the node sends several items at
 * once (Options → Concurrency), so arrival order is not part of its contract. Output order is.
 */
function expectSameRequests(actual, expected) {
	const sorted = (list) =>
		[...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
	expect(sorted(actual)).toEqual(sorted(expected));
}

module.exports = { received, expectSameRequests };
