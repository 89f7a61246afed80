import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { asItemError, cancelledBeforeSendError, type ItemError } from './errors';
import { readItemInput } from './input';
import type { Provider } from './provider';
import { prepareRun, runsAsTool, type Run } from './run';
import { WaitCancelled } from './scheduler/cancellation';
import { Slots } from './scheduler/slots';
import { rateLimitAllowance, sendWithRetries } from './transport';
import { stepContext } from './steps/context';
import { finishItem } from './steps/finish';
import { previewItem } from './steps/preview';

/**
 * Items prepared ahead of the requests in flight, per request slot. Lets the loop pass items
 * waiting behind an earlier item for the same contact and keep every slot busy with other
 * contacts, while bounding what a run holds in memory.
 */
const LOOKAHEAD_PER_SLOT = 4;

/**
 * The one item loop of the node: every input item becomes exactly one output item, in input
 * order, paired to its input. Up to Options → Concurrency requests are in flight at once; items
 * for the same contact are sent one at a time, in input order, and the loop moves on to other
 * contacts meanwhile. A failing item becomes an error item under "continue on fail" (`{ error,
 * message }`, the only shapes n8n's error output recognizes); otherwise the run stops taking new
 * items and throws the failure of the lowest item index, with that index attached. A cancelled
 * execution ends every wait at once; items not sent end as cancelled.
 */
export async function executeUpsert(
	this: IExecuteFunctions,
	providers: ReadonlyArray<Provider<unknown>>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const run = await prepareRun(this, providers);
	// An AI agent gets a failed item back as data it can read and act on, not a crashed run.
	const continueOnFail = this.continueOnFail() || runsAsTool(this);
	const results: INodeExecutionData[] = new Array(items.length);
	run.unchanged?.fill(results);
	const failures = new Map<number, ItemError>();
	const fail = (caught: unknown, itemIndex: number) => {
		const error = asItemError(this.getNode(), run.secrets, caught, itemIndex);
		if (continueOnFail) results[itemIndex] = errorItem(error, itemIndex);
		else failures.set(itemIndex, error);
	};

	const started = new Slots(run.concurrency * LOOKAHEAD_PER_SLOT);
	const running = new Set<Promise<void>>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (!continueOnFail && failures.size > 0) break;
		if (results[itemIndex]) continue; // skipped before the loop: Skip Unchanged Contacts
		// Let n8n's event loop deliver pending responses and connections before this item's
		// synchronous work (parameters, validation, request building); without the pause, bursts
		// of items run back to back and every request in flight waits behind them.
		if (itemIndex >= run.concurrency) await sleep(0);
		try {
			await started.acquire(run.signal);
		} catch {
			break;
		}
		const task = processItem(run, itemIndex, results)
			.catch((caught: unknown) => fail(caught, itemIndex))
			.finally(() => {
				started.release();
				running.delete(task);
			});
		running.add(task);
	}
	await Promise.all(running);
	await run.unchanged?.finish();

	if (run.signal?.aborted) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (!results[itemIndex] && !failures.has(itemIndex)) {
				fail(cancelledBeforeSendError(this.getNode(), itemIndex), itemIndex);
			}
		}
	}
	if (failures.size > 0) {
		throw failures.get(Math.min(...failures.keys()));
	}
	return [results];
}

/**
 * Prepares and sends one item, waiting its turn behind earlier items for the same contact, and
 * stores its output. Throws the item's failure.
 */
async function processItem(
	run: Run,
	itemIndex: number,
	results: INodeExecutionData[],
): Promise<void> {
	const { context, provider, parameters } = run;
	const node = context.getNode();
	// Synchronous up to the contact queue, so items take their places in input order.
	const input = run.unchanged?.takeInput(itemIndex) ?? readItemInput(run, itemIndex);
	const { options, parsed, phoneNotes } = input;
	const request = provider.buildRequest(parsed, run.connection);
	if (options.previewOnly) {
		const preview = previewItem(provider, parsed, run.connection, request, options.queue);
		const json = withNotes({ ...preview, ...run.unchanged?.previewMark(itemIndex) }, phoneNotes);
		results[itemIndex] = { json, pairedItem: { item: itemIndex } };
		return;
	}
	const idempotencyKey = `${run.runKey}-${itemIndex}`;
	if (provider.idempotency) {
		// Same key on every retry of this item, a new one for every item and every execution.
		request.headers = { ...request.headers, ...provider.idempotency.header(idempotencyKey) };
	}
	const simplify = parameters.get('simplify', itemIndex, true) as boolean;

	let endTurn: () => void;
	try {
		endTurn = await run.account.contacts.acquire(provider.contactKey(parsed), run.signal);
	} catch (error) {
		throw error instanceof WaitCancelled ? cancelledBeforeSendError(node, itemIndex) : error;
	}
	let finished: Awaited<ReturnType<typeof finishItem>>;
	try {
		if (run.unchanged?.skips(itemIndex)) {
			results[itemIndex] = {
				json: run.unchanged.skippedJson(input, simplify),
				pairedItem: { item: itemIndex },
			};
			return;
		}
		// One Max Wait for Rate Limits for the whole item: the upsert and every step after it.
		const allowance = rateLimitAllowance(options);
		const response = await sendWithRetries(run.sender, request, options, itemIndex, allowance);
		// Queued results, repeats and follow-ups (tags, custom fields) within the contact's turn.
		const item = { ...run, limits: options, allowance, idempotencyKey, itemIndex };
		finished = await finishItem(stepContext(item), parsed, request, response.body, options.queue);
		run.unchanged?.sent(itemIndex);
	} finally {
		endTurn();
	}
	const json = withNotes(
		simplify ? (finished.normalized as IDataObject) : asJsonObject(finished.body),
		phoneNotes,
	);
	results[itemIndex] = { json, pairedItem: { item: itemIndex } };
}

/** `phoneNotes` is added only when the node changed a number's digits (see README, Phone numbers). */
function withNotes(json: IDataObject, notes: string[]): IDataObject {
	return notes.length > 0 ? { ...json, phoneNotes: notes } : json;
}

function asJsonObject(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (Array.isArray(body)) return { data: body };
	return body === undefined || body === null || body === '' ? {} : { body: body as string };
}

/** The output item for a failed input item, in the shape n8n's error output accepts. */
function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem: { item: itemIndex } };
}
