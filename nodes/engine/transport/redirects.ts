/**
 * What the node does with a vendor's 3xx. n8n's HTTP helper would follow it and send the
 * credential's header along, to whatever host the `Location` names; the node turns that off and
 * decides here instead: a 307/308 (or 301/302) to the same origin is followed a few times with
 * the same method and body, anything else ends the item.
 */

import { MAX_MESSAGE_LENGTH, quoteVendorText } from '../vendorMessage';

/** Redirects followed for one request, all on the origin it was sent to. */
export const MAX_SAME_ORIGIN_REDIRECTS = 3;

/**
 * Statuses followed on the same origin. 303 is not: it means "the result is elsewhere", and a
 * GET there would not save the contact. 301/302 keep the method, as RFC 9110 allows.
 */
const FOLLOWED = new Set([301, 302, 307, 308]);

/** What to do with one response. */
export type RedirectDecision =
	| { action: 'accept' }
	| { action: 'follow'; url: string }
	| { action: 'refuse'; statusCode: number; location: string };

/** The `Location` header as a single string, if there is one. */
function locationHeader(headers: Record<string, unknown>): string | undefined {
	const value = headers.location ?? headers.Location;
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/**
 * Decides about a response to a request sent to `requestUrl`: accept it (not a redirect), follow
 * it (same scheme, host and port; no user name or password in it; within the hop limit), or
 * refuse it, naming where it pointed.
 */
export function decideRedirect(
	requestUrl: string,
	statusCode: number,
	headers: Record<string, unknown>,
	hopsSoFar: number,
): RedirectDecision {
	if (statusCode < 300 || statusCode > 399) return { action: 'accept' };
	const location = locationHeader(headers);
	// A 304 or a 3xx without a Location is no redirect: the caller reports the status.
	if (location === undefined) return { action: 'accept' };
	let target: URL;
	try {
		target = new URL(location, requestUrl);
	} catch {
		return { action: 'refuse', statusCode, location: 'an address that is not a valid URL' };
	}
	const sameOrigin =
		(target.protocol === 'https:' || target.protocol === 'http:') &&
		target.origin === new URL(requestUrl).origin &&
		target.username === '' &&
		target.password === '';
	if (sameOrigin && FOLLOWED.has(statusCode) && hopsSoFar < MAX_SAME_ORIGIN_REDIRECTS) {
		return { action: 'follow', url: target.href };
	}
	return { action: 'refuse', statusCode, location: describeLocation(target) };
}

/**
 * Where a redirect pointed, safe to show: origin and path only. The query and fragment may carry
 * a token, and a user name or password in the URL is never repeated.
 */
export function describeLocation(target: URL): string {
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		return `a ${target.protocol} address`;
	}
	return quoteVendorText(`${target.origin}${target.pathname}`, MAX_MESSAGE_LENGTH);
}

/**
 * The Base URL to suggest when the vendor moved: the redirect target without the documented
 * path the request had after the Base URL. Undefined when the target does not end in that path.
 */
export function suggestedBaseUrl(
	requestUrl: string,
	baseUrl: string,
	location: string,
): string | undefined {
	const base = baseUrl.trim().replace(/\/+$/, '');
	if (!requestUrl.startsWith(base)) return undefined;
	const path = new URL(requestUrl).pathname.slice(new URL(base).pathname.replace(/\/$/, '').length);
	if (path === '' || !location.endsWith(path)) return undefined;
	const suggestion = location.slice(0, location.length - path.length);
	return /^https?:\/\/[^/]+/.test(suggestion) ? suggestion : undefined;
}
