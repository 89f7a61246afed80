'use strict';

// The sandbox's own API under /__sandbox/ (no auth): inspect what the vendors
// received, read their contact stores, reset, and flip the runtime switches.
// It works on the same in-process object that createSandbox() returns, so the
// HTTP and in-process controls can never disagree.

const { json } = require('./http');
const { ConfigError, VENDORS } = require('./config');

function handleControl(sandbox, { method, subpath, query, body, bodyInvalid }) {
	const route = `${method} ${subpath.replace(/\/+$/, '') || '/'}`;
	switch (route) {
		case 'GET /':
		case 'GET /info':
			return json(200, sandbox.info());
		case 'GET /requests': {
			const since = query.has('since') ? Number(query.get('since')) : undefined;
			const requests = sandbox.requests({ vendor: query.get('vendor') || undefined, since });
			return json(200, { count: requests.length, dropped: sandbox.state.log.dropped, requests });
		}
		case 'DELETE /requests':
			return json(200, { cleared: sandbox.clearRequests() });
		case 'GET /contacts':
			return json(200, sandbox.contacts());
		case 'POST /reset':
			sandbox.reset();
			return json(200, { reset: true });
		case 'GET /config':
			return json(200, sandbox.config());
		case 'POST /config':
			if (bodyInvalid) return json(400, { error: 'config patch must be valid JSON' });
			try {
				return json(200, sandbox.configure(body ?? {}));
			} catch (error) {
				if (error instanceof ConfigError) return json(400, { error: error.message });
				throw error;
			}
		default: {
			const vendor = /^GET \/contacts\/([^/]+)$/.exec(route)?.[1];
			if (vendor && VENDORS.includes(vendor)) return json(200, sandbox.contacts(vendor));
			return json(404, { error: `no control route ${route}`, routes: ROUTES });
		}
	}
}

const ROUTES = [
	'GET /__sandbox/info',
	'GET /__sandbox/requests?vendor=&since=',
	'DELETE /__sandbox/requests',
	'GET /__sandbox/contacts',
	'GET /__sandbox/contacts/{vendor}',
	'POST /__sandbox/reset',
	'GET /__sandbox/config',
	'POST /__sandbox/config',
];

module.exports = { handleControl };
