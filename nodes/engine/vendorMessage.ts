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
	return quoteVendorText(flattened, MAX_RAW_BODY_LENGTH);
}

/** Longest vendor message quoted in an error, in characters. */
export const MAX_MESSAGE_LENGTH = 500;

/** Longest vendor detail (field errors, codes, with the node's hint) quoted in an error. */
export const MAX_DETAILS_LENGTH = 1000;

/** Longest excerpt of a body that is not JSON. */
const MAX_RAW_BODY_LENGTH = 200;

/**
 * A vendor's text cut to `max` characters (code points, never half a surrogate pair), saying how
 * long it was: `Invalid value: aaaa… (2,097,152 characters, cut)`. Shorter text is unchanged.
 */
export function quoteVendorText(value: string, max: number): string {
	if (value.length <= max) return value;
	let kept = 0;
	let cutAt = value.length;
	let total = 0;
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		// The low half of a surrogate pair does not start a character.
		if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
			const previous = value.charCodeAt(index - 1);
			if (previous >= 0xd800 && previous <= 0xdbff) continue;
		}
		total++;
		if (kept === max && cutAt === value.length) cutAt = index;
		if (kept < max) kept++;
	}
	if (total <= max) return value;
	return `${value.slice(0, cutAt)}… (${total.toLocaleString('en-US')} characters, cut)`;
}

/**
 * A vendor's refusal with its message and details cut to a readable length: every vendor text
 * that reaches an error passes through here (see the provider registry), so a 2 MB message never
 * becomes a 2 MB error item.
 */
export function quoteVendorError(error: { message: string; details?: string }): {
	message: string;
	details?: string;
} {
	return {
		message: quoteVendorText(error.message, MAX_MESSAGE_LENGTH),
		...(error.details === undefined
			? {}
			: { details: quoteVendorText(error.details, MAX_DETAILS_LENGTH) }),
	};
}
