'use strict';

// Injected failures. A fault spec is
//   { type, count?, rate?, retryAfter?, status?, path?, method? }
// type        status429 | status5xx | reset | hang | malformedJson
// count       how many requests it hits before it is used up (default 1 unless `rate` is set)
// rate        probability (0..1) that a matching request is hit; without `count` it never runs out
// retryAfter  status429 only: seconds (number) or an HTTP date (string or Date) for a Retry-After header;
//             leave it out for a 429 without the header
// status      status5xx only: 502, 503 (default) or 504
// path        only requests whose vendor path contains this text, e.g. "/upsert"
// method      only requests with this HTTP method
// A faulted request never reaches the vendor logic, so no contact is written:
// that is what happens when a gateway in front of the vendor fails.

const FAULT_TYPES = ['status429', 'status5xx', 'reset', 'hang', 'malformedJson'];
const SPEC_KEYS = ['type', 'count', 'rate', 'retryAfter', 'status', 'path', 'method'];
const GATEWAY_STATUSES = {
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};

function normalizeFaults(list) {
	if (!Array.isArray(list)) throw new Error('faults must be an array');
	return list.map(normalizeFault);
}

function normalizeFault(input) {
	const spec = typeof input === 'string' ? { type: input } : input;
	if (!spec || typeof spec !== 'object' || Array.isArray(spec))
		throw new Error('a fault must be an object');
	for (const key of Object.keys(spec)) {
		if (!SPEC_KEYS.includes(key)) throw new Error(`unknown fault key "${key}"`);
	}
	if (!FAULT_TYPES.includes(spec.type))
		throw new Error(`fault type must be one of ${FAULT_TYPES.join(', ')}`);
	if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1)) {
		throw new Error('fault count must be an integer >= 1');
	}
	if (
		spec.rate !== undefined &&
		!(typeof spec.rate === 'number' && spec.rate >= 0 && spec.rate <= 1)
	) {
		throw new Error('fault rate must be a number between 0 and 1');
	}
	const fault = {
		type: spec.type,
		// `count: null` means unlimited; a bare spec hits exactly the next request.
		count: spec.count ?? (spec.rate === undefined ? 1 : null),
		rate: spec.rate ?? null,
		path: optionalString(spec.path, 'path'),
		method: spec.method === undefined ? null : optionalString(spec.method, 'method').toUpperCase(),
	};
	if (spec.type === 'status5xx') {
		fault.status = spec.status ?? 503;
		if (!GATEWAY_STATUSES[fault.status])
			throw new Error('status5xx status must be 502, 503 or 504');
	}
	if (spec.type === 'status429') fault.retryAfter = retryAfterValue(spec.retryAfter);
	return fault;
}

function optionalString(value, key) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string' || value === '')
		throw new Error(`fault ${key} must be a non-empty string`);
	return value;
}

function retryAfterValue(value) {
	if (value === undefined || value === null) return null;
	if (value instanceof Date) return value.toUTCString();
	if (Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
	throw new Error('retryAfter must be whole seconds, an HTTP date string or a Date');
}

/**
 * Finds the first fault in `lists` (vendor faults first, then global ones) that
 * applies to this request and consumes one use of it. Returns a copy or null.
 */
function takeFault(lists, request, random) {
	for (const list of lists) {
		for (let i = 0; i < list.length; i++) {
			const fault = list[i];
			if (fault.method && fault.method !== request.method) continue;
			if (fault.path && !request.vendorPath.includes(fault.path)) continue;
			if (fault.rate !== null && !(random() < fault.rate)) continue;
			if (fault.count !== null && --fault.count === 0) list.splice(i, 1);
			return { ...fault };
		}
	}
	return null;
}

/** What to do for a fault: `{ action: 'reset' | 'hang' }` or `{ action: 'respond', response }`. */
function faultOutcome(fault, vendor) {
	switch (fault.type) {
		case 'reset':
		case 'hang':
			return { action: fault.type };
		case 'status5xx':
			return { action: 'respond', response: gatewayError(fault.status) };
		case 'malformedJson':
			// Looks like a success whose body was cut off in transit.
			return {
				action: 'respond',
				response: {
					status: 200,
					text: '{"success":true,"message":"Contact upse',
					headers: { 'content-type': 'application/json' },
				},
			};
		case 'status429': {
			const seconds = secondsUntil(fault.retryAfter);
			const { body } = vendor.tooManyRequests(seconds);
			const headers = fault.retryAfter === null ? {} : { 'retry-after': String(fault.retryAfter) };
			return { action: 'respond', response: { status: 429, body, headers } };
		}
		default:
			throw new Error(`unhandled fault type ${fault.type}`);
	}
}

/** An HTML page like the ones nginx or a load balancer returns, not the vendor's JSON. */
function gatewayError(status) {
	const title = `${status} ${GATEWAY_STATUSES[status]}`;
	return {
		status,
		text: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
		headers: { 'content-type': 'text/html' },
	};
}

function secondsUntil(retryAfter) {
	if (retryAfter === null) return 1;
	if (typeof retryAfter === 'number') return retryAfter;
	return Math.max(0, Math.ceil((Date.parse(retryAfter) - Date.now()) / 1000));
}

module.exports = { FAULT_TYPES, normalizeFaults, takeFault, faultOutcome };
