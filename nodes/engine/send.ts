import type { INode } from 'n8n-workflow';

import type { VendorAnswers, VendorRequest } from './vendorTypes';
import {
	cancelledBeforeSendError,
	cancelledAfterSendError,
	networkApiError,
	rateLimitWaitError,
	vendorApiError,
} from './errors';
import { checkSuccessBody } from './responses';
import {
	backoffDelay,
	isRetryableNetworkFailure,
	networkFailure,
	parseRetryAfter,
	RETRYABLE_STATUSES,
} from './retry';
import { RateLimitWaitExceeded, type AccountBudget, type Ticket } from './scheduler/accountBudget';
import { abortableWait, WaitCancelled } from './scheduler/cancellation';
import type { Clock } from './scheduler/clock';
import type { Slots } from './scheduler/slots';
import type { VendorResponse } from './transport';

/** How one item's request is retried: its Options. */
export interface SendLimits {
	/** Retries after errors (5xx, 408, resets, timeouts); rate-limit waits are not counted. */
	maxRetries: number;
	/** Total time the item may wait for rate limits, in milliseconds. */
	maxRateLimitWaitMs: number;
	/** How long one request may take, in milliseconds. */
	timeout: number;
}

/** What sending needs from the run and the process. */
export interface Sender {
	node: INode;
	provider: VendorAnswers;
	/** Sends one attempt; resolves with any HTTP answer, rejects on network failure or abort. */
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
 *   limit is not a failed attempt. The item's total rate-limit wait is capped by Max Wait for
 *   Rate Limits; a vendor asking for more than what is left fails the item at once.
 * - 408/502/503/504, network failures, timeouts, and ChatbotX's 409 for a first attempt still
 *   being processed (same Idempotency-Key) are retried up to Max Retries, after the wait the
 *   vendor asked for or exponential backoff with jitter, whichever is longer.
 * - Every wait ends at once when the execution is cancelled; a request in flight is aborted.
 *
 * Every retry is safe because each vendor's call is an upsert keyed on the contact (see README).
 */
export async function sendWithRetries(
	sender: Sender,
	request: VendorRequest,
	limits: SendLimits,
	itemIndex: number,
): Promise<VendorResponse> {
	const { node, provider, budget, slots, clock, signal } = sender;
	let attempts = 0;
	let retries = 0;
	let rateLimitWaited = 0;
	let lastThrottle: VendorResponse | undefined;
	const waitLeft = () => limits.maxRateLimitWaitMs - rateLimitWaited;
	// The vendor asked for a wait longer than the item may still wait for rate limits.
	const askedTooLong = (ms: number, response: VendorResponse) =>
		rateLimitWaitError(
			node,
			provider,
			itemIndex,
			limits.maxRateLimitWaitMs,
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
				limits.maxRateLimitWaitMs,
				error.pauseMs === undefined ? { kind: 'spent' } : { kind: 'paused', ms: error.pauseMs },
				lastThrottle && provider.describeError(429, lastThrottle.body),
			);
		};
		try {
			await slots.acquire(signal);
		} catch (error) {
			throw waitError(error);
		}
		try {
			const granted = await budget.acquire(signal, waitLeft());
			ticket = granted.ticket;
			rateLimitWaited += granted.waitedMs;
		} catch (error) {
			slots.release();
			throw waitError(error);
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
			if (!isRetryableNetworkFailure(failure) || retries >= limits.maxRetries) {
				throw networkApiError(node, provider, failure.code, itemIndex, attempts, limits.timeout);
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

		const stillProcessing = statusCode === 409 && provider.idempotencyHeader !== undefined;
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

const STILL_PROCESSING =
	'The first attempt for this item is probably still being saved (the vendor is processing a request with the same Idempotency-Key). Running the item again is safe: the vendor updates the same contact.';

/** The wait a vendor asked for: a Retry-After header, or seconds in its message. */
function askedWait(provider: VendorAnswers, response: VendorResponse): number | undefined {
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
