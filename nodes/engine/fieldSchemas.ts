// One field schema per kind of field value, each with its messages; over 300 lines because every provider builds its schema from these.
import { z } from 'zod';

import { cleanIdentity, numberAsText, showInvisible } from './identity';
import { fieldSchema, type IssueContext } from './schema';
import type { ParseSettings } from './provider';
import { formatPhone, type PhoneFormat } from './phone';

/**
 * Field schemas (see ./schema.ts) for node parameters. Each one accepts what n8n can hand over for a field
 * (a string, a number from an expression, an empty default) and either yields the clean value or
 * adds an issue whose message says what is wrong and what to do. The item loop turns the first
 * issue into a NodeOperationError naming the field and the item.
 */

const MAX_ECHO = 60;

/**
 * Quotes a user value for an error message, shortened so a huge string cannot flood the UI.
 * Invisible, control and unusual space characters are shown as their code (`<U+200E>`), so two
 * values that look the same on screen can be told apart.
 */
export function quote(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	} catch {
		text = String(value);
	}
	// Counted as shown, so a value full of invisible characters cannot grow the message either.
	let shown = '';
	let cut = false;
	for (const character of text) {
		if (shown.length >= MAX_ECHO) {
			cut = true;
			break;
		}
		shown += showInvisible(character);
	}
	return JSON.stringify(cut ? `${shown}…` : shown);
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

interface ReadOptions {
	/**
	 * The value identifies a contact (a phone number, e-mail or ID): invisible characters are
	 * removed, since vendors match it as an exact string, and a number must be a whole number.
	 */
	identity?: boolean;
}

/**
 * A string or number; blank strings become `undefined`. A number JavaScript has already rounded
 * (beyond 9007199254740991) is an issue, never sent. Anything else is an issue too.
 */
function toText(
	value: unknown,
	ctx: IssueContext,
	{ identity = false }: ReadOptions = {},
): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number') {
		const result = numberAsText(value, { wholeOnly: identity });
		if (result.ok) return result.value;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.reason });
		return undefined;
	}
	if (typeof value === 'bigint') return String(value);
	if (typeof value !== 'string') {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `must be text, but got ${describeType(value)}. Map a single text value into this field.`,
		});
		return undefined;
	}
	const cleaned = identity ? cleanIdentity(value) : value.trim();
	return cleaned === '' ? undefined : cleaned;
}

interface FieldText extends ReadOptions {
	/** Whether a missing value is an issue. */
	required: boolean;
	/** Example shown when a required value is missing. */
	example: string;
}

/**
 * A field's text, `undefined` when there is nothing to send. A missing required value adds the
 * "is required" issue (a value of the wrong type has its own issue from `toText`).
 */
function readText(
	value: unknown,
	ctx: IssueContext,
	{ identity, required, example }: FieldText,
): string | undefined {
	const text = toText(value, ctx, { identity });
	if (text === undefined && required && (value == null || typeof value === 'string')) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `is required. Enter a value, e.g. ${example}.`,
		});
	}
	return text;
}

/** Adds the "too long" issue when `text` is longer than `max`; whether it did. */
function tooLong(ctx: IssueContext, text: string, max: number | undefined, hint = ''): boolean {
	if (max === undefined || text.length <= max) return false;
	ctx.addIssue({
		code: z.ZodIssueCode.custom,
		message: `is ${text.length} characters long; the vendor accepts at most ${max}.${hint}`,
	});
	return true;
}

/** The value as mapped, for a message: characters the node ignores still show. */
function shown(value: unknown, text: string): string {
	return quote(typeof value === 'string' ? value.trim() : text);
}

interface TextOptions extends ReadOptions {
	/** Example shown when the value is missing. */
	example: string;
	/** Longest value the vendor accepts. */
	max?: number;
}

/** A required text field. */
export function requiredText({ example, max, identity }: TextOptions) {
	return fieldSchema((value, ctx): string => {
		const text = readText(value, ctx, { identity, required: true, example });
		if (text === undefined || tooLong(ctx, text, max, ' Shorten it.')) return z.NEVER;
		return text;
	});
}

/** An optional text field: blank means "do not send". */
export function optionalText({ max, identity }: { max?: number } & ReadOptions = {}) {
	return fieldSchema((value, ctx): string | undefined => {
		const text = toText(value, ctx, { identity });
		if (text !== undefined && tooLong(ctx, text, max, ' Shorten it.')) return z.NEVER;
		return text;
	});
}

// Deliberately simple: one @, no spaces, a dot in the domain. Vendors do their own checks; this
// only stops obvious mistakes (a name or phone mapped into the e-mail field) before a request.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** Whether a string looks like an e-mail address. */
export function isEmail(value: string): boolean {
	return EMAIL.test(value) && value.length <= 254;
}

/** An optional e-mail address; invisible characters are removed. */
export function optionalEmail({ max }: { max?: number } = {}) {
	return fieldSchema((value, ctx): string | undefined => {
		const text = toText(value, ctx, { identity: true });
		if (text === undefined) return undefined;
		if (!isEmail(text)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `${shown(value, text)} is not an e-mail address. Use a form like jane@example.com or leave the field empty.`,
			});
			return z.NEVER;
		}
		if (tooLong(ctx, text, max)) return z.NEVER;
		return text;
	});
}

/** The UUID pattern vendors' API schemas use: versions 1-8, plus the nil and max UUIDs. */
export const UUID_PATTERN =
	'^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$';
const UUID = new RegExp(UUID_PATTERN);
const UUID_EXAMPLE = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Whether a string is a UUID in the form vendors accept. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** The value of a resource locator (`{ __rl, mode, value }`), or the value itself. */
function locatorValue(value: unknown): unknown {
	return value && typeof value === 'object' && '__rl' in value
		? (value as { value?: unknown }).value
		: value;
}

/** A UUID, required or optional; also the value of a resource locator. */
export function uuid({ required }: { required: boolean }) {
	return fieldSchema((raw, ctx): string | undefined => {
		const value = locatorValue(raw);
		const text = readText(value, ctx, { identity: true, required, example: UUID_EXAMPLE });
		if (text === undefined) return undefined;
		if (!isUuid(text)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `${shown(value, text)} is not a UUID. Copy the ID in the form ${UUID_EXAMPLE}.`,
			});
			return z.NEVER;
		}
		return text;
	});
}

interface PhoneOptions {
	format: PhoneFormat;
	defaultCountry?: string;
	required: boolean;
}

/** A phone number, parsed and written in the vendor's format. */
export function phone({ format, defaultCountry, required }: PhoneOptions) {
	return fieldSchema((value, ctx): string | undefined => {
		const text = readText(value, ctx, { identity: true, required, example: '+56 9 1234 5678' });
		if (text === undefined) return undefined;
		const result = formatPhone(text, format, defaultCountry);
		if (!result.ok) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `${shown(value, text)} ${result.reason}.`,
			});
			return z.NEVER;
		}
		return result.value;
	});
}

/** A JSON object, given as an object or as JSON text. Empty means "do not send". */
export function jsonObject() {
	return fieldSchema((value, ctx): Record<string, unknown> | undefined => {
		let parsed = value;
		if (typeof value === 'string') {
			if (value.trim() === '' || value.trim() === '{}') return undefined;
			try {
				parsed = JSON.parse(value);
			} catch {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: 'is not valid JSON. Enter an object such as {"source": "website"}.',
				});
				return z.NEVER;
			}
		}
		if (parsed === undefined || parsed === null) return undefined;
		if (typeof parsed !== 'object' || Array.isArray(parsed)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be a JSON object, but got ${describeType(parsed)}. Enter an object such as {"source": "website"}.`,
			});
			return z.NEVER;
		}
		const object = parsed as Record<string, unknown>;
		return Object.keys(object).length === 0 ? undefined : object;
	});
}

/** One `{ key, value }` pair as n8n's fixedCollection hands it over. */
export interface KeyValue {
	key: string;
	value: string;
}

/** A scalar as text (empty for none), or undefined when the value is no scalar. */
export function scalarText(value: unknown): string | undefined {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	return undefined;
}

/**
 * The rows of an n8n fixedCollection (`{ field: [...] }`); an empty value has none. Adds an
 * issue saying `hint` and returns undefined when the value has any other shape.
 */
function fixedCollectionRows(
	value: unknown,
	ctx: IssueContext,
	hint: string,
): unknown[] | undefined {
	if (value === undefined || value === null || value === '') return [];
	const rows = (value as { field?: unknown }).field;
	if (
		typeof value !== 'object' ||
		Array.isArray(value) ||
		(rows !== undefined && !Array.isArray(rows))
	) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: hint });
		return undefined;
	}
	return (rows ?? []) as unknown[];
}

/** Why a fixedCollection row is refused: the message the field's error shows. */
export class RowIssue {
	constructor(readonly message: string) {}
}

/**
 * A fixedCollection (`{ field: [...] }`) read row by row: `readRow` gets each row's entry, its
 * position and the rows read before it, and returns the row's value or a `RowIssue`. The first
 * issue refuses the whole field; `hint` says what the field must be when it has another shape.
 */
export function fixedCollectionSchema<T>(
	hint: string,
	readRow: (
		entry: Record<string, unknown>,
		position: number,
		earlier: readonly T[],
	) => T | RowIssue,
) {
	return fieldSchema((value, ctx): T[] => {
		const rows = fixedCollectionRows(value, ctx, hint);
		if (!rows) return z.NEVER;
		const read: T[] = [];
		for (const [position, row] of rows.entries()) {
			const result = readRow((row ?? {}) as Record<string, unknown>, position, read);
			if (result instanceof RowIssue) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
				return z.NEVER;
			}
			read.push(result);
		}
		return read;
	});
}

/**
 * A fixedCollection of `{ field: [{ key, value }] }` pairs. Keys are trimmed and must be
 * non-empty and unique; values are sent as strings. `reserved` keys are refused (they would
 * overwrite a field the node sets itself).
 */
export function keyValues({ reserved = [] }: { reserved?: readonly string[] } = {}) {
	return fixedCollectionSchema<KeyValue>(
		'must be a list of key/value pairs. Use "Add Field" to add each one.',
		(entry, position, earlier) => {
			const key = typeof entry.key === 'string' ? entry.key.trim() : scalarText(entry.key);
			const number =
				typeof entry.value === 'number'
					? numberAsText(entry.value, { wholeOnly: false })
					: undefined;
			if (number && !number.ok) {
				return new RowIssue(`the value of ${quote(key ?? '')} ${number.reason}`);
			}
			const text = number ? number.value : scalarText(entry.value);
			if (!key) {
				return new RowIssue(
					`row ${position + 1} has no key. Enter the field's key or remove the row.`,
				);
			}
			if (text === undefined) {
				return new RowIssue(
					`the value of ${quote(key)} must be text, a number or a boolean, not ${describeType(entry.value)}.`,
				);
			}
			if (key === '__proto__') {
				// A JSON body built in JavaScript drops this key without a word, and so may the vendor's.
				return new RowIssue(`${quote(key)} cannot be sent as a key. Rename the field.`);
			}
			if (reserved.includes(key)) {
				return new RowIssue(
					`${quote(key)} is set by the node's own field; use that field instead of a custom field.`,
				);
			}
			if (earlier.some((pair) => pair.key === key)) {
				return new RowIssue(`${quote(key)} appears twice. Keep one row per key.`);
			}
			return { key, value: text };
		},
	).transform((pairs) => (pairs.length ? pairs : undefined));
}

/**
 * Builds a provider's schema once per parse settings (the default country changes how phone
 * numbers read) instead of once per item.
 */
export function schemaPerSettings<T>(
	build: (settings: ParseSettings) => T,
): (settings: ParseSettings) => T {
	const cache = new Map<string, T>();
	return (settings) => {
		const key = settings.defaultCountry ?? '';
		let schema = cache.get(key);
		if (!schema) {
			schema = build(settings);
			cache.set(key, schema);
		}
		return schema;
	};
}
