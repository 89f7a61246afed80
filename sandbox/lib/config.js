'use strict';

const { normalizeFaults } = require('./faults');

// Runtime switches of the sandbox. A patch (from `sandbox.configure()` or
// `POST /__sandbox/config`) looks like:
//   {
//     logRequests: true,                       // global only
//     latencyMs: 0, rateLimit: null, faults: [],  // global: every vendor
//     vambe | chatbotx | rampwin | hypersender: {
//       latencyMs, rateLimit: { limit, windowMs } | false | null, faults: [...],
//       queued: false | true | { processingMs }   // hypersender only
//     }
//   }
// A vendor's `latencyMs` / `rateLimit` override the global ones; `null` means
// "inherit" and `false` (rate limit) means "off even if a global one is set".
// `faults` always replaces the list it targets, so `faults: []` clears it.
// Unknown keys are rejected: a typo must not silently leave a switch off.

const VENDORS = require('../vendors').VENDORS.map((vendor) => vendor.id);

class ConfigError extends Error {}

function defaultConfig() {
	const vendors = {};
	for (const name of VENDORS) vendors[name] = { latencyMs: null, rateLimit: null, faults: [] };
	vendors.hypersender.queued = false;
	return { logRequests: true, latencyMs: 0, rateLimit: null, faults: [], vendors };
}

function applyPatch(config, patch) {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw new ConfigError('config patch must be a JSON object');
	}
	// Validate everything first so a bad patch changes nothing.
	const next = structuredClone(config);
	for (const [key, value] of Object.entries(patch)) {
		if (key === 'logRequests') next.logRequests = bool(value, key);
		else if (VENDORS.includes(key)) applyVendorPatch(next.vendors[key], key, value);
		else applyScopePatch(next, key, value, 'global');
	}
	Object.assign(config, next);
	return config;
}

function applyVendorPatch(target, vendor, patch) {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw new ConfigError(`${vendor} must be an object`);
	}
	for (const [key, value] of Object.entries(patch)) {
		if (key === 'queued' && vendor === 'hypersender') target.queued = queued(value);
		else applyScopePatch(target, key, value, vendor);
	}
}

function applyScopePatch(target, key, value, scope) {
	if (key === 'latencyMs') target.latencyMs = latency(value, scope);
	else if (key === 'rateLimit') target.rateLimit = rateLimit(value, scope);
	else if (key === 'faults') target.faults = wrapFaultError(() => normalizeFaults(value));
	else throw new ConfigError(`unknown ${scope === 'global' ? '' : `${scope} `}config key "${key}"`);
}

function latency(value, scope) {
	if (value === null && scope !== 'global') return null;
	if (!Number.isFinite(value) || value < 0)
		throw new ConfigError('latencyMs must be a number >= 0');
	return value;
}

function rateLimit(value, scope) {
	if (value === null || value === false) return scope === 'global' ? null : value;
	const ok =
		value &&
		typeof value === 'object' &&
		Number.isInteger(value.limit) &&
		value.limit >= 1 &&
		Number.isFinite(value.windowMs) &&
		value.windowMs > 0;
	if (!ok)
		throw new ConfigError(
			'rateLimit must be { limit: integer >= 1, windowMs: number > 0 }, false or null',
		);
	return { limit: value.limit, windowMs: value.windowMs };
}

function queued(value) {
	if (value === false || value === null) return false;
	if (value === true) return { processingMs: 0 };
	if (
		value &&
		typeof value === 'object' &&
		Number.isFinite(value.processingMs) &&
		value.processingMs >= 0
	) {
		return { processingMs: value.processingMs };
	}
	throw new ConfigError('queued must be true, false or { processingMs: number >= 0 }');
}

function bool(value, key) {
	if (typeof value !== 'boolean') throw new ConfigError(`${key} must be a boolean`);
	return value;
}

function wrapFaultError(fn) {
	try {
		return fn();
	} catch (error) {
		throw new ConfigError(error.message);
	}
}

/** Latency and rate limit that apply to one vendor after inheritance. */
function effectiveFor(config, vendor) {
	const own = config.vendors[vendor];
	const rate = own.rateLimit === null ? config.rateLimit : own.rateLimit;
	return {
		latencyMs: own.latencyMs === null ? config.latencyMs : own.latencyMs,
		rateLimit: rate || null,
	};
}

module.exports = { VENDORS, ConfigError, defaultConfig, applyPatch, effectiveFor };
