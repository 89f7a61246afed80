'use strict';

// A loopback HTTP server that imitates the four vendor APIs (Vambe, ChatbotX,
// Rampwin, Hypersender) for end-to-end tests, demos and a local n8n
// playground. One server hosts all of them under their own path prefix, so a
// credential's baseUrl simply points at `${url}/<vendor>`. A development tool.
//
//   const { createSandbox } = require('./sandbox/server');
//   const sandbox = createSandbox();
//   await sandbox.listen();            // port 0 = any free port, host 127.0.0.1
//   sandbox.credentials().vambe        // { baseUrl, apiKey }
//   sandbox.configure({ chatbotx: { faults: [{ type: 'status5xx', count: 2 }] } });
//   await sandbox.close();

const http = require('node:http');
const { readBody, parseJson, splitUrl, json, send } = require('./lib/http');
const { RequestLog, loggableBody, DEFAULT_LIMIT } = require('./lib/request-log');
const { FixedWindowLimiter } = require('./lib/rate-limit');
const { VENDORS, defaultConfig, applyPatch, effectiveFor } = require('./lib/config');
const { takeFault, faultOutcome } = require('./lib/faults');
const { handleControl } = require('./lib/control-api');
const { dispatch } = require('./lib/vendor-dispatch');
const vendorModules = require('./vendors');

const CONTROL_PREFIX = '/__sandbox';
const VENDOR_BY_ID = Object.fromEntries(vendorModules.VENDORS.map((v) => [v.id, v]));

/**
 * @param {object} [options]
 * @param {object} [options.seed]          per-vendor overrides of the default seed, e.g. { vambe: { channelPhoneNumbers: [...] } }
 * @param {object} [options.config]        initial switches (same shape as configure()); reset() returns to them
 * @param {number} [options.maxLogEntries] request log cap (default 50,000; oldest entries are dropped)
 * @param {Function} [options.random]      () => [0,1) used by fault `rate`; inject for deterministic tests
 * @param {Function} [options.clock]       () => ms used by the rate limiter
 * @param {Function} [options.onRequest]   called with each answered vendor request's log entry
 */
function createSandbox(options = {}) {
	const {
		seed = {},
		maxLogEntries = DEFAULT_LIMIT,
		random = Math.random,
		clock = Date.now,
		onRequest,
	} = options;
	const initialConfig = options.config || {};
	const vendors = VENDORS.map((name) => ({
		name,
		prefix: vendorModules.prefixOf(VENDOR_BY_ID[name]),
		...VENDOR_BY_ID[name].create(seed[name]),
	}));
	const vendorByName = Object.fromEntries(vendors.map((v) => [v.name, v]));
	const log = new RequestLog(maxLogEntries);
	const limiter = new FixedWindowLimiter(clock);
	const sockets = new Set();
	// Latency waits belong to in-flight requests; vendor tasks (queued processing) to the stores.
	const latencyTimers = new Set();
	const vendorTimers = new Set();
	let config = applyPatch(defaultConfig(), initialConfig);
	let address = null;
	let closing = null;

	const server = http.createServer((req, res) => {
		handleRequest(req, res).catch((error) =>
			send(res, json(500, { message: 'Sandbox internal error', error: error.message })),
		);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	async function handleRequest(req, res) {
		const { pathname, query } = splitUrl(req.url);
		const { raw, tooLarge } = await readBody(req);
		const parsed = parseJson(raw);
		if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
			const subpath = pathname.slice(CONTROL_PREFIX.length);
			const request = {
				method: req.method,
				subpath,
				query,
				body: parsed.body,
				bodyInvalid: parsed.invalid,
			};
			return send(res, handleControl(sandbox, request));
		}

		const vendor = vendors.find(
			(v) => pathname === v.prefix || pathname.startsWith(`${v.prefix}/`),
		);
		const entry = recordRequest(req, vendor, raw, parsed);
		const finish = (response, note) => {
			if (entry)
				Object.assign(entry, note, {
					status: response.status,
					durationMs: Date.now() - entry.started,
				});
			send(res, response);
			if (onRequest)
				onRequest(
					entry || {
						vendor: vendor && vendor.name,
						method: req.method,
						path: req.url,
						status: response.status,
					},
				);
		};
		if (!vendor) {
			const prefixes = vendors.map((v) => v.prefix);
			return finish(json(404, { message: `No sandbox vendor at ${pathname}`, prefixes }));
		}
		if (tooLarge) return finish(json(413, { message: 'Request body too large for the sandbox' }));

		const ctx = vendorContext(req, vendor, pathname, query, parsed);
		const { latencyMs, rateLimit } = effectiveFor(config, vendor.name);
		await sleep(latencyMs);
		if (res.destroyed) return; // the client gave up while we waited

		const fault = takeFault([ctx.config.faults, config.faults], ctx, random);
		if (fault) {
			const outcome = faultOutcome(fault, vendor);
			if (entry) entry.fault = fault.type;
			if (outcome.action === 'reset') return req.socket.destroy();
			if (outcome.action === 'hang') return; // the socket stays open until the client or close() ends it
			return finish(outcome.response);
		}
		const { response, note } = dispatch(vendor, ctx, { limiter, rateLimit });
		return finish(response, note);
	}

	/** Adds a log entry (unless logging is off); its status and duration are filled in when answered. */
	function recordRequest(req, vendor, raw, parsed) {
		if (!config.logRequests) return null;
		const started = Date.now();
		const entry = log.add({
			id: null, // assigned by the log
			time: new Date(started).toISOString(),
			vendor: vendor ? vendor.name : null,
			method: req.method,
			path: req.url,
			headers: { ...req.headers },
			body: loggableBody(raw, parsed),
			status: null,
			durationMs: null,
			fault: null,
		});
		// Not enumerable: kept out of requests() output, which is for what the client sent.
		Object.defineProperty(entry, 'started', { value: started });
		return entry;
	}

	/** What a vendor handler gets to see about the request. */
	function vendorContext(req, vendor, pathname, query, parsed) {
		return {
			method: req.method,
			vendorPath: pathname.slice(vendor.prefix.length) || '/',
			rawPath: req.url,
			query,
			headers: req.headers,
			body: parsed.body,
			bodyInvalid: parsed.invalid,
			bodyError: parsed.error,
			baseUrl: address && address.url,
			config: config.vendors[vendor.name],
			schedule,
			principal: null, // set by dispatch() after authentication
			note: {}, // vendor facts for the log, e.g. { replayed: true }
		};
	}

	// setTimeout-based so a slow or queued request never blocks the others.
	function sleep(ms) {
		if (!ms) return undefined;
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				latencyTimers.delete(timer);
				resolve();
			}, ms);
			latencyTimers.add(timer);
		});
	}

	function schedule(fn, ms) {
		const timer = setTimeout(() => {
			vendorTimers.delete(timer);
			fn();
		}, ms);
		vendorTimers.add(timer);
	}

	const clearTimers = (timers) => {
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
	};

	const sandbox = {
		get url() {
			return address && address.url;
		},
		get port() {
			return address && address.port;
		},
		server,
		/** Internals, for tests that need to look deeper than the public methods. */
		get state() {
			return { config, log, limiter, vendors: vendorByName };
		},

		/** Starts listening. Resolves to the sandbox itself, with `url` and `port` set. */
		listen(port = 0, host = '127.0.0.1') {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					const actual = server.address().port;
					const hostPart = host.includes(':') ? `[${host}]` : host;
					address = { port: actual, url: `http://${hostPart}:${actual}` };
					resolve(sandbox);
				});
			});
		},

		/** Stops the server, destroying open sockets, including requests left hanging by a fault. */
		close() {
			if (!closing) {
				closing = new Promise((resolve) => {
					clearTimers(latencyTimers);
					clearTimers(vendorTimers);
					server.close(() => resolve());
					for (const socket of sockets) socket.destroy();
					// Also covers connections still being set up when close() was called.
					server.closeAllConnections();
				});
			}
			return closing;
		},

		/** Applies a switch patch (see lib/config.js) and returns the resulting config. Throws ConfigError. */
		configure(patch) {
			applyPatch(config, patch);
			return sandbox.config();
		},
		config: () => structuredClone(config),

		/** Logged vendor requests, oldest first. Filters: { vendor, since: id }. */
		requests: (filter) => structuredClone(log.list(filter)),
		clearRequests() {
			const count = log.size;
			log.clear();
			return count;
		},

		/** One vendor's contact store (array), or all four keyed by vendor name. */
		contacts(vendor) {
			if (vendor) {
				if (!vendorByName[vendor]) throw new Error(`unknown vendor "${vendor}"`);
				return vendorByName[vendor].contacts();
			}
			return Object.fromEntries(vendors.map((v) => [v.name, v.contacts()]));
		},

		/** Empties the stores, the log, rate-limit windows and idempotency records; restores the initial config. */
		reset() {
			for (const vendor of vendors) vendor.reset();
			clearTimers(vendorTimers);
			log.clear();
			limiter.reset();
			config = applyPatch(defaultConfig(), initialConfig);
		},

		/**
		 * Credential values for each vendor, named like the node's credential fields: its Base URL
		 * (the sandbox's address and the vendor's prefix) and its other values.
		 */
		credentials() {
			if (!address) throw new Error('call listen() first');
			const credentials = (v) => vendorModules.credentialsAt(VENDOR_BY_ID[v.name], address.url, v);
			return Object.fromEntries(vendors.map((v) => [v.name, credentials(v)]));
		},

		/** Everything a client needs: URL, credentials and the seeded ids. */
		info() {
			return {
				url: address && address.url,
				credentials: address ? sandbox.credentials() : null,
				seed: Object.fromEntries(vendors.map((v) => [v.name, v.seed])),
				config: sandbox.config(),
			};
		},
	};
	return sandbox;
}

module.exports = { createSandbox };
