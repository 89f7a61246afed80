import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quote } from './fieldSchemas';
import { cleanIdentity } from './identity';
import { isCountryCode } from './phone';
import type { InvalidOption, Queue, QueueSettings } from './provider';

/** Defaults of the `options` collection. */
export const DEFAULT_CONCURRENCY = 5;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_CONCURRENCY = 100;
export const MAX_RETRIES = 10;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_S = 600;
export const MAX_RATE_LIMIT_WAIT_S = 86_400;
/** Remember Up To (Skip Unchanged Contacts): sized for a nightly sync of 50,000 rows. */
export const DEFAULT_REMEMBER_UP_TO = 100_000;
export const MAX_REMEMBER_UP_TO = 1_000_000;

/** Settings read for each item: a bad value fails only its item. */
export interface ItemOptions {
	maxRetries: number;
	timeout: number;
	/** Total time the item may wait for rate limits, in milliseconds. */
	maxRateLimitWaitMs: number;
	/** Check the item and output the requests instead of sending them. */
	previewOnly: boolean;
	/** ISO 3166 code, upper case, for numbers written without a country code. */
	defaultCountry: string | undefined;
	/** Queued requests and repeats, for a provider that has them; none for the others. */
	queue: QueueSettings;
	/** Send the item only when its requests differ from the last that succeeded for its contact. */
	skipUnchanged: boolean;
}

/** What an item does about queued requests and repeats when its provider has none. */
const NO_QUEUE: QueueSettings = {
	waitForQueued: false,
	maxQueuedWaitMs: 0,
	repeatTimes: 0,
	repeatDelayMs: 0,
};

/**
 * The `simplify` and `options` parameters, shown for every provider. `providerOptions` are the
 * entries providers add to Options, already gated on their provider where a node has several;
 * the collection lists every entry alphabetically, as n8n's editor does.
 */
export function commonProperties(providerOptions: INodeProperties[]): INodeProperties[] {
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return the same small shape for every vendor ({ provider, contactId, name, email, phoneNumber }) instead of the response the vendor sent',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: (
				[
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
						default: DEFAULT_CONCURRENCY,
						description:
							'How many requests this run may have in flight at once, e.g. 5. Read once, with the first item. Output order always matches input order.',
					},
					{
						displayName: 'Default Country',
						name: 'defaultCountry',
						type: 'string',
						default: '',
						placeholder: 'CL',
						description:
							'Two-letter ISO 3166 country code (e.g. CL, US, BR) used for phone numbers written without a country code',
					},
					{
						displayName: 'Max Retries',
						name: 'maxRetries',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_RETRIES, numberPrecision: 0 },
						default: DEFAULT_MAX_RETRIES,
						description:
							'How many times to retry a request after a timeout, a 408/502/503/504 or a network failure, e.g. 3. Rate limits (429) are waited out instead.',
					},
					{
						displayName: 'Max Wait for Rate Limits',
						name: 'maxRateLimitWait',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_RATE_LIMIT_WAIT_S, numberPrecision: 0 },
						default: DEFAULT_MAX_RATE_LIMIT_WAIT_S,
						description:
							"Total time one item may wait for the vendor's rate limit, in seconds, e.g. 600. After a 429 every request to the same account waits; an item that would wait longer fails.",
					},
					{
						displayName: 'Preview Only',
						name: 'previewOnly',
						type: 'boolean',
						default: false,
						description:
							'Whether to only check every item and output the exact requests the node would send, sending nothing. Credentials are never shown.',
					},
					{
						displayName: 'Skip Unchanged Contacts',
						name: 'skipUnchanged',
						type: 'boolean',
						default: false,
						description:
							'Whether to send a contact only when its requests (normalized, tags and custom fields included) differ from its last successful upsert by this node. Skipped items are output with skipped: true.',
					},
					{
						displayName: 'Forget Remembered Contacts',
						name: 'forgetRemembered',
						type: 'boolean',
						default: false,
						description:
							'Whether to forget every contact Skip Unchanged Contacts remembered for this node before this run, so every item is sent again. Turn on for one run, then off.',
					},
					{
						displayName: 'Remember Up To',
						name: 'rememberUpTo',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_REMEMBER_UP_TO, numberPrecision: 0 },
						default: DEFAULT_REMEMBER_UP_TO,
						description:
							'How many contact versions Skip Unchanged Contacts keeps for this node, e.g. 100000 (about 2.7 MB in the database), oldest forgotten first. About twice the contacts the workflow syncs.',
					},
					{
						displayName: 'Timeout',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: DEFAULT_TIMEOUT_MS,
						description:
							'How long to wait for the vendor to answer one request, in milliseconds, e.g. 30000',
					},
				] as INodeProperties[]
			)
				.concat(providerOptions)
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/**
 * A whole number from `min` to `max` (also written as text by an expression), `fallback` when
 * empty, or undefined when it is anything else.
 */
export function integerIn(
	value: unknown,
	min: number,
	max: number,
	fallback: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return fallback;
	const number = typeof value === 'string' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		return undefined;
	}
	return number;
}

/** Options → Concurrency, or undefined when it is not a whole number in range. */
export function readConcurrency(value: unknown): number | undefined {
	return integerIn(value, 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY);
}

/**
 * A whole-number entry of Options (see {@link integerIn}), or its label and what it must be
 * instead.
 */
function wholeNumber(
	value: unknown,
	label: string,
	range: { min: number; max: number; fallback: number; unit?: string },
): number | InvalidOption {
	const number = integerIn(value, range.min, range.max, range.fallback);
	if (number !== undefined) return number;
	const unit = range.unit ? ` of ${range.unit}` : '';
	return { invalid: label, expected: `a whole number${unit} from ${range.min} to ${range.max}` };
}

/** How one whole-number entry of Options is read: its label in messages, range and default. */
export interface WholeNumberEntry {
	label: string;
	min: number;
	max: number;
	fallback: number;
	unit?: string;
}

/**
 * Whole-number entries of Options, keyed by parameter name and read in the order given: their
 * values, or the first invalid one's label and what it must be.
 */
export function wholeNumbers<Name extends string>(
	options: IDataObject,
	entries: Record<Name, WholeNumberEntry>,
): Record<Name, number> | InvalidOption {
	const numbers = {} as Record<Name, number>;
	for (const name of Object.keys(entries) as Name[]) {
		const number = wholeNumber(options[name], entries[name].label, entries[name]);
		if (typeof number !== 'number') return number;
		numbers[name] = number;
	}
	return numbers;
}

/** A yes/no option (also written as text by an expression); false when empty. */
export function flag(value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return false;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return undefined;
}

/**
 * Reads one item's options, with the provider's own entries. Returns the label of the first
 * invalid one instead, and what it must be, when a value is out of range (an expression can
 * bypass the editor's limits).
 */
export function readItemOptions(
	options: IDataObject,
	queue: Queue | undefined,
): ItemOptions | InvalidOption {
	const numbers = wholeNumbers(options, {
		maxRetries: { label: 'Max Retries', min: 0, max: MAX_RETRIES, fallback: DEFAULT_MAX_RETRIES },
		timeout: {
			label: 'Timeout',
			min: 1,
			max: 3_600_000,
			fallback: DEFAULT_TIMEOUT_MS,
			unit: 'milliseconds',
		},
		maxRateLimitWait: {
			label: 'Max Wait for Rate Limits',
			min: 0,
			max: MAX_RATE_LIMIT_WAIT_S,
			fallback: DEFAULT_MAX_RATE_LIMIT_WAIT_S,
			unit: 'seconds',
		},
	});
	if ('invalid' in numbers) return numbers;
	const previewOnly = flag(options.previewOnly);
	if (previewOnly === undefined) return { invalid: 'Preview Only', expected: 'true or false' };
	const skipUnchanged = flag(options.skipUnchanged);
	if (skipUnchanged === undefined) {
		return { invalid: 'Skip Unchanged Contacts', expected: 'true or false' };
	}
	const queueSettings = queue ? queue.settings(options) : NO_QUEUE;
	if ('invalid' in queueSettings) return queueSettings;
	const defaultCountry = readDefaultCountry(options.defaultCountry);
	if (typeof defaultCountry === 'object') return defaultCountry;
	return {
		maxRetries: numbers.maxRetries,
		timeout: numbers.timeout,
		maxRateLimitWaitMs: numbers.maxRateLimitWait * 1000,
		previewOnly,
		defaultCountry,
		queue: queueSettings,
		skipUnchanged,
	};
}

/** Options → Default Country, upper-cased; undefined when empty. */
function readDefaultCountry(value: unknown): string | undefined | InvalidOption {
	// A code copied from a sheet or a chat may carry invisible marks: they never make it wrong.
	const code = typeof value === 'string' ? cleanIdentity(value) : value;
	if (code === undefined || code === null || code === '') return undefined;
	if (typeof code === 'string' && isCountryCode(code)) return code.toUpperCase();
	return {
		invalid: 'Default Country',
		expected: 'a two-letter ISO 3166 country code',
		shown: quote(value),
		hint: 'Use a code such as CL, US or BR, or leave Options → Default Country empty.',
	};
}
