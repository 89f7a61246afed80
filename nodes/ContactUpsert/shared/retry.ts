/** When and how long to wait before sending a request again. */

/** Statuses that mean "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Network failures worth another attempt (the request may not have reached the vendor). */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** A network failure, as far as it can be told from what the HTTP client threw. */
export interface NetworkFailure {
	code: string;
	/** Whether the client gave up waiting (our timeout) rather than the connection failing. */
	timedOut: boolean;
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
	return {
		code,
		timedOut: code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT',
	};
}

/** Whether a network failure is worth another attempt. */
export function isRetryableNetworkFailure(failure: NetworkFailure): boolean {
	return RETRYABLE_NETWORK_CODES.has(failure.code);
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds, or undefined
 * when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (typeof header === 'number' && Number.isFinite(header)) return Math.max(0, header * 1000);
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const trimmed = header.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.max(0, Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with jitter: attempt 0 waits 250–500 ms, then doubling up to 30 s. The
 * random half spreads out items that failed together so they do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
