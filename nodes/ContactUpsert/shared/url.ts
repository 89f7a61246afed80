/**
 * Joins a credential's base URL and a documented path. Trailing slashes of the base are dropped so
 * `https://host/api/` and `https://host/api` behave the same, and a base with a path prefix (a
 * proxy, a self-hosted install) keeps it.
 */
export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${path}`;
}

/**
 * Encodes one path segment. encodeURIComponent leaves `.` alone, so a segment that is only dots
 * (`.`, `..`) would still be resolved by URL normalisation; its dots are encoded too, so no value
 * can climb out of its place in the route.
 */
export function encodeSegment(value: string): string {
	const encoded = encodeURIComponent(value);
	return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
}
