/**
 * One item's send: its turn in the contact's line, the upsert with its retries, and the steps
 * after it (queued results, repeats, follow-ups), all within that turn.
 */
import type { IDataObject } from 'n8n-workflow';

import { cancelledBeforeSendError } from '../errors';
import type { ItemInput } from '../input';
import type { VendorRequest } from '../provider';
import type { Run } from '../run';
import { WaitCancelled } from '../scheduler/cancellation';
import { rateLimitAllowance, sendWithRetries } from '../transport';
import { stepContext } from './context';
import { finishItem } from './finish';
import { upsertJson } from './output';

/**
 * Sends one item's upsert and the steps after it, waiting its turn behind earlier items for the
 * same contact. Returns what the item outputs.
 */
export async function sendItem(
	run: Run,
	itemIndex: number,
	input: ItemInput,
	request: VendorRequest,
): Promise<IDataObject> {
	const { context, provider, parameters } = run;
	const { options, parsed } = input;
	const idempotencyKey = `${run.runKey}-${itemIndex}`;
	if (provider.idempotency) {
		// Same key on every retry of this item, a new one for every item and every execution.
		request.headers = { ...request.headers, ...provider.idempotency.header(idempotencyKey) };
	}
	const simplify = parameters.get('simplify', itemIndex, true) as boolean;

	const contactKey = provider.contactKey(parsed);
	// A contact nobody else is writing takes its turn at once, without a promise.
	let endTurn = run.account.contacts.tryAcquire(contactKey);
	if (!endTurn) {
		try {
			endTurn = await run.account.contacts.acquire(contactKey, run.signal);
		} catch (error) {
			const node = context.getNode();
			throw error instanceof WaitCancelled ? cancelledBeforeSendError(node, itemIndex) : error;
		}
	}
	try {
		// Skip Unchanged Contacts decides at the contact's turn: an earlier item may have changed it.
		if (run.unchanged?.skips(itemIndex)) return run.unchanged.skippedJson(input, simplify);
		// One Max Wait for Rate Limits for the whole item: the upsert and every step after it.
		const allowance = rateLimitAllowance(options);
		const response = await sendWithRetries(run.sender, request, options, itemIndex, allowance);
		// Queued results, repeats and follow-ups (tags, custom fields) within the contact's turn.
		const item = {
			sender: run.sender,
			provider,
			connection: run.connection,
			limits: options,
			allowance,
			idempotencyKey,
			itemIndex,
		};
		const finished = await finishItem(
			stepContext(item),
			parsed,
			request,
			response.body,
			options.queue,
		);
		// A request still queued at the vendor (not followed to its end) has not succeeded yet.
		if (provider.queue?.queuedId(finished.body) === undefined) run.unchanged?.sent(itemIndex);
		return upsertJson(finished, simplify);
	} finally {
		endTurn();
	}
}
