import type { INode } from 'n8n-workflow';

import {
	cancelledBeforeSendError,
	cancelledAfterSendError,
	networkApiError,
	rateLimitWaitError,
	STILL_PROCESSING,
	unreadableResponseError,
	vendorApiError,
} from '../errors';
import type { Provider, VendorRequest } from '../provider';
import { RateLimitWaitExceeded, type AccountBudget, type Ticket } from '../scheduler/accountBudget';
import { abortableWait, WaitCancelled } from '../scheduler/cancellation';
import type { Clock } from '../scheduler/clock';
import type { Slots } from '../scheduler/slots';
import type { VendorResponse } from './http';
import { backoffDelay, networkFailure, parseRetryAfter, RETRYABLE_STATUSES } from './retry';

/** What sending and reading a vendor's answers needs to know about its provider. */
export type ProviderAnswers = Pick<
	Provider<unknown>,
	'displayName' | 'describeError' | 'reportsFailure' | 'retryAfterFromBody' | 'idempotency'
>;

/** How one item's request is retried: its Options. */
export interface SendLimits {
	/** Retries after errors (5xx, 408, resets, timeouts); rate-limit waits are not counted. */
	maxRetries: number;
	/** Total time the item may wait for rate limits, in milliseconds. */
	maxRateLimitWaitMs: number;
	/** How long one request may take, in milliseconds. */
	timeout: number;
}

/**
 * What is left of one item's Max Wait for Rate Limits. Created once where the item starts and
 * passed to every request the item sends (the upsert, repeats, queued polls, tags, custom fields,
 * a fallback route), so the whole item, not each request, waits at most Max Wait.
 */
export interface RateLimitAllowance {
	/** The item's Max Wait for Rate Limits, in milliseconds. */
	readonly limitMs: number;
	/** How long the item's requests have waited for rate limits so far, in milliseconds. */
	waitedMs: number;
}

/** A new item's allowance: nothing waited yet. */
export function rateLimitAllowance(
	limits: Pick<SendLimits, 'maxRateLimitWaitMs'>,
): RateLimitAllowance {
	return { limitMs: limits.maxRateLimitWaitMs, waitedMs: 0 };
}

/** What sending needs from the run and the process. */
export interface Sender {
	node: INode;
	provider: ProviderAnswers;
	/**
	 * Sends one attempt; resolves with any HTTP answer, rejects on network failure or abort. The
	 * transport's own HTTP exchange (see {@link openSender}); a simulated vendor in tests.
	 */
	transmit(
		request: VendorRequest,
		timeout: number,
		signal: AbortSignal | undefined,
	): Promise<VendorResponse>;
	/** The vendor account's shared budget. */
	budget: AccountBudget;
	/** The run's requests in flight (Options → Concurrency). */
	slots: Slots;
	clock: Clock;
	/** The execution's cancel signal. */
	signal: AbortSignal | undefined;
}

/**
 * Sends one item's request until the vendor gives an answer that settles it.
 *
 * - A 429 pauses the whole account (see AccountBudget) and is tried again; waiting for a rate
 *   limit is not a failed attempt. The item's total rate-limit wait, over every request it sends,
 *   is capped by Max Wait for Rate Limits (`allowance`, shared by the item's requests); a vendor
 *   asking for more than what is left fails the item at once.
 * - 408/502/503/504, network failures, timeouts, and an answer the provider's idempotency group
 *   reads as "a first attempt with the same key is still being processed" are retried up to Max
 *   Retries, after the wait the vendor asked for or exponential backoff with jitter, whichever
 *   is longer.
 * - Every wait ends at once when the execution is cancelled; a request in flight is aborted.
 *
 * Every retry is safe because each vendor's call is an upsert keyed on the contact (see README).
 */
export async function sendWithRetries(
	sender: Sender,
	request: VendorRequest,
	limits: SendLimits,
	itemIndex: number,
	allowance: RateLimitAllowance = rateLimitAllowance(limits),
): Promise<VendorResponse> {
	const { node, provider, budget, slots, clock, signal } = sender;
	let attempts = 0;
	let retries = 0;
	let lastThrottle: VendorResponse | undefined;
	const waitLeft = () => Math.max(0, allowance.limitMs - allowance.waitedMs);
	// The vendor asked for a wait longer than the item may still wait for rate limits.
	const askedTooLong = (ms: number, response: VendorResponse) =>
		rateLimitWaitError(
			node,
			provider,
			itemIndex,
			allowance.limitMs,
			{ kind: 'asked', ms },
			provider.describeError(response.statusCode, response.body),
		);
	const cancelled = () =>
		attempts === 0
			? cancelledBeforeSendError(node, itemIndex)
			: cancelledAfterSendError(node, provider, itemIndex, 'retrying');

	for (;;) {
		let ticket: Ticket;
		// Waits end in a node error the user can read: cancelled, or out of rate-limit time.
		const waitError = (error: unknown) => {
			if (error instanceof WaitCancelled) return cancelled();
			if (!(error instanceof RateLimitWaitExceeded)) return error;
			return rateLimitWaitError(
				node,
				provider,
				itemIndex,
				allowance.limitMs,
				error.pauseMs === undefined ? { kind: 'spent' } : { kind: 'paused', ms: error.pauseMs },
				lastThrottle && provider.describeError(429, lastThrottle.body),
			);
		};
		// A free slot and an account below its budget are taken at once, with no promise: a slot
		// freed by an answer starts the next request in the same turn of the event loop.
		if (signal?.aborted) throw cancelled();
		if (!slots.tryAcquire()) {
			try {
				await slots.acquire(signal);
			} catch (error) {
				throw waitError(error);
			}
		}
		const free = budget.tryAcquire();
		if (free) {
			ticket = free;
		} else {
			try {
				const granted = await budget.acquire(signal, waitLeft());
				ticket = granted.ticket;
				allowance.waitedMs += granted.waitedMs;
			} catch (error) {
				slots.release();
				throw waitError(error);
			}
		}

		attempts++;
		let response: VendorResponse | undefined;
		let thrown: unknown;
		try {
			response = await sender.transmit(request, limits.timeout, signal);
		} catch (error) {
			thrown = error;
		} finally {
			slots.release();
		}

		if (!response) {
			budget.record(ticket, 'other');
			if (signal?.aborted) throw cancelledAfterSendError(node, provider, itemIndex, 'sending');
			const failure = networkFailure(thrown);
			if (!failure) throw thrown;
			if (!failure.retryable || retries >= limits.maxRetries) {
				throw networkApiError(node, provider, failure, itemIndex, attempts, limits.timeout);
			}
			await waitOrCancel(clock, backoffDelay(retries++), signal, () =>
				cancelledAfterSendError(node, provider, itemIndex, 'retrying'),
			);
			continue;
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			budget.record(ticket, 'accepted');
			checkSuccessBody(node, provider, response, itemIndex, attempts);
			return response;
		}
		const asked = askedWait(provider, response);
		if (statusCode === 429) {
			budget.record(ticket, 'throttled', asked);
			lastThrottle = response;
			if (asked !== undefined && asked > waitLeft()) throw askedTooLong(asked, response);
			continue;
		}
		budget.record(ticket, 'other');

		const stillProcessing = provider.idempotency?.stillProcessing(statusCode) ?? false;
		const retryable = RETRYABLE_STATUSES.has(statusCode) || stillProcessing;
		if (!retryable || retries >= limits.maxRetries) {
			const vendorError = provider.describeError(statusCode, response.body);
			throw vendorApiError(
				node,
				provider,
				statusCode,
				stillProcessing ? { message: vendorError.message, details: STILL_PROCESSING } : vendorError,
				itemIndex,
				attempts,
			);
		}
		if (asked !== undefined && asked > limits.maxRateLimitWaitMs) {
			throw askedTooLong(asked, response);
		}
		// A vendor asking for no wait at all still gets the backoff: "retry now" is no reason to
		// resend at once.
		const backoff = backoffDelay(retries);
		await waitOrCancel(clock, Math.max(asked ?? 0, backoff), signal, () =>
			cancelledAfterSendError(node, provider, itemIndex, 'retrying'),
		);
		retries++;
	}
}

/**
 * Throws when a 2xx answer does not show a saved contact: a body that is text where JSON should
 * be (a proxy page, a truncated response), or a body in which the vendor reports a failure
 * (`{ success: false }`).
 */
function checkSuccessBody(
	node: INode,
	provider: ProviderAnswers,
	response: VendorResponse,
	itemIndex: number,
	attempts: number,
): void {
	const { statusCode, body } = response;
	if (typeof body === 'string' && body.trim() !== '') {
		throw unreadableResponseError(node, provider, statusCode, body, itemIndex);
	}
	if (provider.reportsFailure?.(body)) {
		const vendorError = provider.describeError(statusCode, body);
		throw vendorApiError(node, provider, statusCode, vendorError, itemIndex, attempts);
	}
}

/** The wait a vendor asked for: a Retry-After header, or seconds in its message. */
function askedWait(provider: ProviderAnswers, response: VendorResponse): number | undefined {
	const header = parseRetryAfter(response.headers['retry-after'], Date.now());
	if (header !== undefined) return header;
	const seconds = provider.retryAfterFromBody?.(response.body);
	return seconds === undefined ? undefined : seconds * 1000;
}

async function waitOrCancel(
	clock: Clock,
	ms: number,
	signal: AbortSignal | undefined,
	cancelled: () => Error,
): Promise<void> {
	try {
		await abortableWait(clock, ms, signal);
	} catch (error) {
		throw error instanceof WaitCancelled ? cancelled() : error;
	}
}
