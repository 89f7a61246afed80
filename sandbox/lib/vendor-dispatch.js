'use strict';

// The order in which a vendor request is judged once it got past latency and
// faults. It follows the frameworks the vendors run on: an unknown route is a
// 404 before any auth check, auth comes before the rate limiter (which counts
// per credential), and only then does the route's own logic run.

/**
 * @returns {{ response: object, note: object }} the answer, plus extra facts for the request log
 */
function dispatch(vendor, ctx, { limiter, rateLimit }) {
	const route = findRoute(vendor, ctx);
	if (!route) return { response: vendor.notFound(ctx), note: ctx.note };

	const auth = vendor.authenticate(ctx);
	if (auth.response) return { response: auth.response, note: ctx.note };
	ctx.principal = auth.principal;

	if (rateLimit) {
		const verdict = limiter.hit(`${vendor.name}\n${auth.principal}`, rateLimit);
		if (verdict.limited) {
			return {
				response: vendor.tooManyRequests(verdict.retryAfterSeconds),
				note: { ...ctx.note, rateLimited: true },
			};
		}
	}
	return { response: route.handle(ctx, route.params), note: ctx.note };
}

function findRoute(vendor, ctx) {
	for (const route of vendor.routes) {
		if (route.method !== ctx.method) continue;
		const match = route.pattern.exec(ctx.vendorPath);
		if (match) return { handle: route.handle, params: match.slice(1) };
	}
	return null;
}

module.exports = { dispatch };
