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
