/**
 * Joins a credential's base URL and a documented path. Trailing slashes of the base are dropped so
 * `https://host/api/` and `https://host/api` behave the same, and a base with a path prefix (a
 * proxy, a self-hosted install) keeps it.
 */
export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${path}`;
}

/**
 * Encodes one path segment (`/`, `?`, `#`, `%` and the rest become escapes, so no value can add a
 * segment, a query or a fragment). Dot-only values are refused by the providers' validation
 * instead: URL parsers treat an escaped `%2E%2E` as `..` too.
 */
export function encodeSegment(value: string): string {
	return encodeURIComponent(value);
}

/**
 * What is wrong with a credential's Base URL, in words that end "…, so nothing was sent", or
 * undefined when it is a plain http(s) root. A query or a fragment would end up in front of the
 * documented path, and a user name or password in the URL would be sent to the host as well.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
	const trimmed = baseUrl.trim();
	if (!/^https?:\/\/[^\s/]+/i.test(trimmed)) return 'is not an http(s) URL';
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return 'is not an http(s) URL';
	}
	if (url.username || url.password) return 'has a user name or password in it';
	if (url.search || trimmed.includes('?')) return 'has a query (?…) in it';
	if (url.hash || trimmed.includes('#')) return 'has a fragment (#…) in it';
	return undefined;
}
