/** When and how long to wait before sending a request again. */

/** Statuses that mean "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/**
 * The network failures the node knows: whether another attempt is worth it (the request may not
 * have reached the vendor), whether the client gave up waiting (our timeout) rather than the
 * connection failing, and what happened in the user's words. The one table of network codes.
 */
const NETWORK_CODES: Readonly<Record<string, { retry: boolean; timedOut?: true; words?: string }>> =
	{
		ECONNRESET: { retry: true, words: 'the connection was reset' },
		ECONNREFUSED: { retry: true, words: 'the connection was refused' },
		ECONNABORTED: { retry: true, timedOut: true },
		ETIMEDOUT: { retry: true, timedOut: true },
		ESOCKETTIMEDOUT: { retry: true, timedOut: true },
		EPIPE: { retry: true, words: 'the connection closed while sending' },
		EAI_AGAIN: { retry: true, words: 'the host name could not be resolved' },
		EHOSTUNREACH: { retry: true, words: 'the host is unreachable' },
		ENETUNREACH: { retry: true, words: 'the network is unreachable' },
		ENETDOWN: { retry: true },
		UND_ERR_SOCKET: { retry: true },
		ERR_SOCKET_CONNECTION_TIMEOUT: { retry: true },
		ENOTFOUND: { retry: false, words: 'the host name does not resolve' },
	};

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** A network failure, as far as it can be told from what the HTTP client threw. */
export interface NetworkFailure {
	code: string;
	/** Whether the client gave up waiting (our timeout) rather than the connection failing. */
	timedOut: boolean;
	/** Whether another attempt is worth it. */
	retryable: boolean;
	/** What happened, in the user's words, when the code is a known one. */
	words?: string;
}

const ERROR_CODE = /^E[A-Z_]+$|^UND_ERR_[A-Z_]+$|^ERR_[A-Z_]+$/;

function findCode(error: unknown, depth = 0): string | undefined {
	if (!error || typeof error !== 'object' || depth > 4) return undefined;
	// Node's errors carry `code`; n8n's NodeApiError moves an axios error's code to `httpCode`.
	const candidate = error as { code?: unknown; httpCode?: unknown; cause?: unknown };
	for (const value of [candidate.code, candidate.httpCode]) {
		if (typeof value === 'string' && ERROR_CODE.test(value)) return value;
	}
	return findCode(candidate.cause, depth + 1);
}

/** Reads the network error code out of an error n8n's HTTP helper threw (it wraps axios errors). */
export function networkFailure(error: unknown): NetworkFailure | undefined {
	const code = findCode(error);
	if (!code) return undefined;
	const known = NETWORK_CODES[code];
	return {
		code,
		timedOut: known?.timedOut === true,
		retryable: known?.retry === true,
		words: known?.words,
	};
}

/**
 * Reads a `Retry-After` header as RFC 9110 §10.2.3 defines it: delay-seconds (digits only) or an
 * HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms every recipient must accept).
 * Returns milliseconds to wait (0 for a date in the past), or undefined when the header is absent
 * or anything else (`"12, 5"`, `-5`, `1.5`, `1e3`): the caller then falls back to its backoff.
 * Absurdly large values are capped at {@link MAX_RETRY_AFTER_VALUE_MS}, still far beyond what the
 * node waits.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	// A repeated header: the first one counts, as Node's HTTP parser keeps only the first.
	const header = Array.isArray(value) ? (value[0] as unknown) : value;
	if (typeof header === 'number') {
		return Number.isSafeInteger(header) && header >= 0 ? capDelay(header * 1000) : undefined;
	}
	if (typeof header !== 'string') return undefined;
	// Field values lose only surrounding spaces and tabs (OWS); nothing else is forgiven.
	const trimmed = header.replace(/^[ \t]+|[ \t]+$/g, '');
	if (/^[0-9]+$/.test(trimmed)) return capDelay(Number(trimmed) * 1000);
	const date = parseHttpDate(trimmed, now);
	return date === undefined ? undefined : capDelay(Math.max(0, date - now));
}

/** Largest delay {@link parseRetryAfter} returns, so that no caller sees Infinity. */
export const MAX_RETRY_AFTER_VALUE_MS = Number.MAX_SAFE_INTEGER;

function capDelay(ms: number): number {
	return Math.min(ms, MAX_RETRY_AFTER_VALUE_MS);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '([0-9]{2}):([0-9]{2}):([0-9]{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^${DAY}, ([0-9]{2}) ${MONTH} ([0-9]{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC850_DATE = new RegExp(`^${LONG_DAY}, ([0-9]{2})-${MONTH}-([0-9]{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([0-9]{2}| [0-9]) ${TIME} ([0-9]{4})$`);

/**
 * An HTTP-date (RFC 9110 §5.6.7) as epoch milliseconds, or undefined when the text is not one or
 * names no real moment (31 Feb, 24:00:00). Matching is exact and case-sensitive, as the grammar
 * is; the day name is not checked against the date, which alone says when to retry.
 */
export function parseHttpDate(text: string, now: number): number | undefined {
	let match = IMF_FIXDATE.exec(text);
	if (match) return utc(+match[3], match[2], +match[1], match[4], match[5], match[6]);
	match = RFC850_DATE.exec(text);
	if (match) {
		return utc(fullYear(+match[3], now), match[2], +match[1], match[4], match[5], match[6]);
	}
	match = ASCTIME_DATE.exec(text);
	if (match) return utc(+match[6], match[1], +match[2].trim(), match[3], match[4], match[5]);
	return undefined;
}

/**
 * RFC 9110: a two-digit year that would be more than 50 years in the future is the most recent
 * past year with those digits.
 */
function fullYear(twoDigits: number, now: number): number {
	const current = new Date(now).getUTCFullYear();
	let year = current - (current % 100) + twoDigits;
	if (year > current + 50) year -= 100;
	return year;
}

function utc(
	year: number,
	monthName: string,
	day: number,
	hour: string,
	minute: string,
	second: string,
): number | undefined {
	const month = MONTHS.indexOf(monthName);
	const [h, m, s] = [+hour, +minute, +second];
	// 60 allows a leap second; it reads as the first second of the next minute.
	if (h > 23 || m > 59 || s > 60) return undefined;
	const date = new Date(0);
	// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
	date.setUTCFullYear(year, month, day);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) {
		return undefined;
	}
	date.setUTCHours(h, m, s, 0);
	return date.getTime();
}

/**
 * Exponential backoff with jitter: attempt 0 waits 250–500 ms, then doubling up to 30 s. The
 * random half spreads out items that failed together so they do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
