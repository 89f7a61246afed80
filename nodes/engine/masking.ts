/**
 * Hides credential values in whatever the node shows: error texts, error responses and vendor
 * bodies. A vendor may echo a key it refused, trimmed, JSON-escaped, URL-encoded or HTML-escaped;
 * every one of those forms is replaced.
 */

/** What a secret is replaced with. */
export const MASK = '[credential]';

/** Shorter than this a value is not masked: it would blank out ordinary words. */
export const MIN_SECRET_LENGTH = 4;

/** Shorter than every form, so each replacement shrinks the text and masking always ends. */
const SHORT_MASK = '***';

const MAX_ROUNDS = 8;

/** JSON string escaping as `JSON.stringify` writes it, without the quotes. */
function jsonEscaped(value: string): string {
	return JSON.stringify(value).slice(1, -1);
}

/** JSON escaping as PHP and others write it: `/` escaped and everything beyond ASCII as `\uXXXX`. */
function jsonEscapedAscii(value: string): string {
	return jsonEscaped(value)
		.replace(/\//g, '\\/')
		.replace(
			/[\u007f-\uffff]/g,
			(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
		);
}

/** HTML escaping, with each of the ways escapers write an apostrophe (or leave it). */
function htmlEscaped(value: string): string[] {
	const escaped = value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
	return ["'", '&#39;', '&#x27;', '&apos;'].map((apostrophe) => escaped.replace(/'/g, apostrophe));
}

/** `encodeURIComponent`, or undefined for text it cannot encode (a lone surrogate). */
function uriComponent(value: string): string | undefined {
	try {
		return encodeURIComponent(value);
	} catch {
		return undefined;
	}
}

/** A Laravel Sanctum token, `<id>|<plaintext>`: a vendor may echo the plaintext alone. */
const SANCTUM_TOKEN = /^\d+\|([\s\S]+)$/;

/**
 * The texts a secret may come back as before any escaping: as saved, trimmed, the plaintext part
 * of a Sanctum token, each also upper- and lower-cased (a vendor may normalise the case of what it
 * echoes).
 */
function secretBases(secret: string): Set<string> {
	const texts = [secret, secret.trim()];
	const plaintext = SANCTUM_TOKEN.exec(secret.trim())?.[1];
	if (plaintext !== undefined) texts.push(plaintext, plaintext.trim());
	return new Set(texts.flatMap((text) => [text, text.toUpperCase(), text.toLowerCase()]));
}

/**
 * Every form in which a secret may come back: each of its {@link secretBases}, JSON-escaped (both styles),
 * URL-encoded (upper- and lower-case escapes, `+` for spaces), HTML-escaped. Forms shorter than
 * {@link MIN_SECRET_LENGTH} are left out; longest first, so a longer form is never half-replaced
 * by a shorter one.
 */
export function secretForms(secrets: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		for (const base of secretBases(secret)) {
			const encoded = uriComponent(base);
			const variants = [
				base,
				jsonEscaped(base),
				jsonEscapedAscii(base),
				...htmlEscaped(base),
				jsonEscaped(jsonEscaped(base)),
				...(encoded === undefined
					? []
					: [
							encoded,
							encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
							encoded.replace(/%20/g, '+'),
						]),
			];
			for (const variant of variants) {
				if (variant.length >= MIN_SECRET_LENGTH) forms.add(variant);
			}
		}
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

function containsAny(text: string, forms: readonly string[]): boolean {
	// A plain loop: this runs for every string of every answer.
	for (let index = 0; index < forms.length; index++) {
		if (text.includes(forms[index])) return true;
	}
	return false;
}

function replaceAll(text: string, forms: readonly string[], mask: string): string {
	let result = text;
	for (let round = 0; round < MAX_ROUNDS && containsAny(result, forms); round++) {
		for (const form of forms) result = result.split(form).join(mask);
	}
	return result;
}

/**
 * Replaces every form of every secret in a text. Replacing can join text into a new occurrence
 * (`ab` + `ab[credential]`), so it repeats until none is left; a secret that overlaps the mask
 * itself gets a shorter mask, with which the text only shrinks.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
	return maskWithForms(text, secretForms(secrets));
}

function maskWithForms(text: string, forms: readonly string[]): string {
	if (forms.length === 0 || !containsAny(text, forms)) return text;
	const masked = replaceAll(text, forms, MASK);
	if (!containsAny(masked, forms)) return masked;
	// Each replacement removes at least MIN_SECRET_LENGTH characters and adds fewer: this ends.
	let result = text;
	while (containsAny(result, forms)) {
		for (const form of forms) result = result.split(form).join(SHORT_MASK);
	}
	return result;
}

/**
 * A copy of a JSON-like value with every secret masked in its strings and its keys, and numbers
 * whose digits hold a secret replaced by the masked text. Masking the leaves, not the value's
 * JSON text, also catches secrets that JSON would have escaped.
 */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
	return maskDeepWithForms(value, secretForms(secrets));
}

/**
 * {@link maskDeep} with the forms already computed ({@link secretForms}), for a caller that masks
 * every answer of one credential. A value holding no secret is returned as it is, not copied:
 * every success answer is checked, and checking costs far less than copying.
 */
export function maskDeepWithForms<T>(value: T, forms: readonly string[]): T {
	if (forms.length === 0 || !holdsSecret(value, forms, new Set())) return value;
	return maskValue(value, forms, new WeakMap()) as T;
}

/**
 * Whether any string, number or key in a JSON-like value holds a form of a secret. Every answer
 * goes through this, so it allocates nothing per entry (no `Object.entries`, no closures).
 */
function holdsSecret(value: unknown, forms: readonly string[], seen: Set<object>): boolean {
	if (typeof value === 'string') return containsAny(value, forms);
	if (typeof value === 'number' || typeof value === 'bigint') {
		return containsAny(String(value), forms);
	}
	if (value === null || typeof value !== 'object' || seen.has(value)) return false;
	seen.add(value);
	if (Array.isArray(value)) {
		for (const entry of value) if (holdsSecret(entry, forms, seen)) return true;
		return false;
	}
	if (!isPlainObject(value)) return false;
	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		if (containsAny(key, forms) || holdsSecret(record[key], forms, seen)) return true;
	}
	return false;
}

function maskValue(
	value: unknown,
	forms: readonly string[],
	seen: WeakMap<object, unknown>,
): unknown {
	if (typeof value === 'string') return maskWithForms(value, forms);
	if (typeof value === 'number' || typeof value === 'bigint') {
		const digits = String(value);
		const masked = maskWithForms(digits, forms);
		return masked === digits ? value : masked;
	}
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return seen.get(value);
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		seen.set(value, copy);
		for (const entry of value) copy.push(maskValue(entry, forms, seen));
		return copy;
	}
	if (!isPlainObject(value)) return value;
	const copy: Record<string, unknown> = {};
	seen.set(value, copy);
	for (const [key, entry] of Object.entries(value)) {
		Object.defineProperty(copy, maskWithForms(key, forms), {
			value: maskValue(entry, forms, seen),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return copy;
}

function isPlainObject(value: object): boolean {
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}
