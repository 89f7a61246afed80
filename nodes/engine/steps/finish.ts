import type { INode } from 'n8n-workflow';

import { followUpError, queuedFailedError, queuedReadError, queuedTimeoutError } from '../errors';
import type {
	Connection,
	NormalizedContact,
	Provider,
	Queue,
	QueueSettings,
	VendorRequest,
} from '../provider';
import type { VendorResponse } from '../transport';
import { sendFollowUps } from './followUps';

/** First pause before reading a queued request, then doubling up to the longest pause. */
export const QUEUED_FIRST_POLL_MS = 500;
export const QUEUED_MAX_POLL_MS = 10_000;

/** What finishing an item needs from the item loop. */
export interface StepContext {
	node: INode;
	provider: Provider<unknown>;
	connection: Connection;
	itemIndex: number;
	/**
	 * Sends one request through the item's send path (shared budget, retries); `step` names it,
	 * so each step gets its own Idempotency-Key. Resolves with a 2xx answer, throws otherwise.
	 */
	send(request: VendorRequest, step: string): Promise<VendorResponse>;
	/** Waits, ending in an error at once when the execution is cancelled. */
	wait(ms: number): Promise<void>;
	now(): number;
}

/**
 * Everything after a successful upsert: follows a queued request to its real answer (when asked
 * to), sends the upsert again Repeat Times, then the provider's follow-ups (tags, custom fields)
 * to the contact it returned, in order. Returns the body the item outputs (the upsert's, or the
 * queued request's real answer) and that body normalized, read once. A failing follow-up or
 * repeat fails the item with a message that says the contact is saved, with its ID.
 */
export async function finishItem(
	context: StepContext,
	input: unknown,
	upsert: VendorRequest,
	upsertBody: unknown,
	settings: QueueSettings,
): Promise<{ body: unknown; normalized: NormalizedContact }> {
	const { provider, connection, node, itemIndex } = context;
	let body = upsertBody;
	const queuedId = provider.queue?.queuedId(body);
	if (provider.queue && queuedId !== undefined && settings.waitForQueued) {
		body = await waitForQueued(context, provider.queue, queuedId, settings.maxQueuedWaitMs);
	}
	const normalized = provider.normalize(body, input);
	const contactId = normalized.contactId;

	for (let repeat = 1; repeat <= settings.repeatTimes; repeat++) {
		const step = `repeat ${repeat} of ${settings.repeatTimes}`;
		await context.wait(settings.repeatDelayMs);
		try {
			await context.send(upsert, step);
		} catch (error) {
			throw followUpError(node, provider, contactId ?? 'unknown', step, error, itemIndex);
		}
	}

	await sendFollowUps(
		context,
		provider.followUps?.(input, contactId ?? '', connection) ?? [],
		contactId,
	);
	return { body, normalized };
}

/**
 * Reads a queued request until it has finished, pausing 0.5 s, 1 s, 2 s … (at most 10 s) between
 * reads, for at most `maxWaitMs` in total. Returns the answer the vendor stored for it; a stored
 * error status fails the item with the vendor's reason.
 */
async function waitForQueued(
	context: StepContext,
	queue: Queue,
	queuedId: string,
	maxWaitMs: number,
): Promise<unknown> {
	const { provider, connection, node, itemIndex } = context;
	const started = context.now();
	let pause = QUEUED_FIRST_POLL_MS;
	for (;;) {
		const left = maxWaitMs - (context.now() - started);
		if (left <= 0) throw queuedTimeoutError(node, provider, queuedId, maxWaitMs, itemIndex);
		await context.wait(Math.min(pause, left));
		pause = Math.min(pause * 2, QUEUED_MAX_POLL_MS);
		let response: VendorResponse;
		try {
			response = await context.send(queue.request(queuedId, connection), 'wait for queued request');
		} catch (error) {
			throw queuedReadError(node, provider, queuedId, error, itemIndex);
		}
		const state = queue.read(response.body);
		if (!state.done) continue;
		const failed =
			state.statusCode < 200 ||
			state.statusCode >= 300 ||
			(provider.reportsFailure?.(state.body) ?? false);
		if (failed) {
			const vendorError = provider.describeError(state.statusCode, state.body);
			throw queuedFailedError(node, provider, queuedId, state.statusCode, vendorError, itemIndex);
		}
		return state.body;
	}
}
