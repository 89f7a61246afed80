/** Helpers to lift a readable message out of whatever a vendor sent back. */

/** Returns a value as a non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** A string, or the strings of an array joined (NestJS sends validation messages as arrays). */
export function textOrList(value: unknown): string | undefined {
	if (Array.isArray(value)) {
		const parts = value.map(text).filter((part): part is string => part !== undefined);
		return parts.length ? parts.join('; ') : undefined;
	}
	return text(value);
}

/** Field errors in Laravel's `{ field: ["message", …] }` form, or any object of messages. */
export function fieldErrors(value: unknown): string | undefined {
	if (!value || typeof value !== 'object') return textOrList(value);
	if (Array.isArray(value)) return textOrList(value);
	const parts = Object.entries(value as Record<string, unknown>)
		.map(([field, messages]) => {
			const message =
				textOrList(messages) ??
				(messages && typeof messages === 'object' ? JSON.stringify(messages) : undefined);
			return message ? `${field}: ${message}` : undefined;
		})
		.filter((part): part is string => part !== undefined);
	return parts.length ? parts.join('; ') : undefined;
}

/** The record behind a JSON body, or undefined when the body is not an object. */
export function asRecord(body: unknown): Record<string, unknown> | undefined {
	return body && typeof body === 'object' && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: undefined;
}

/**
 * A short, safe description of a body that is not the vendor's JSON (an HTML error page from a
 * proxy, a truncated response): tags and whitespace collapsed, cut to a readable length.
 */
export function describeRawBody(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	const raw =
		typeof body === 'string'
			? body
			: Buffer.isBuffer(body)
				? body.toString('utf8')
				: JSON.stringify(body);
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(raw)?.[1];
	const flattened = (title ?? raw.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
	if (!flattened) return undefined;
	return flattened.length > 200 ? `${flattened.slice(0, 200)}…` : flattened;
}
