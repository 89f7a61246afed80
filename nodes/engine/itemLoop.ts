import { sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asItemError, cancelledBeforeSendError, type ItemError } from './errors';
import { readItemInput } from './input';
import type { Provider } from './provider';
import { prepareRun, runsAsTool, type Run } from './run';
import { Slots } from './scheduler/slots';
import { errorOutput, itemOutput } from './steps/output';
import { previewItem } from './steps/preview';
import { sendItem } from './steps/send';

/**
 * Items prepared ahead of the requests in flight, per request slot. Lets the loop pass items
 * waiting behind an earlier item for the same contact and keep every slot busy with other
 * contacts, while bounding what a run holds in memory.
 */
const LOOKAHEAD_PER_SLOT = 4;

/**
 * Items prepared back to back before the loop lets n8n's event loop run (answers, connections,
 * other executions). Preparing an item is synchronous CPU work; a whole lookahead of it at once
 * would hold up every request in flight. A timer per item instead (the old pause) costs a
 * millisecond or more each, which left request slots empty while items were ready.
 */
const ITEMS_PER_TURN = 16;

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
		if (continueOnFail) results[itemIndex] = errorOutput(error, itemIndex);
		else failures.set(itemIndex, error);
	};

	const started = new Slots(run.concurrency * LOOKAHEAD_PER_SLOT);
	const running = new Set<Promise<void>>();
	let preparedThisTurn = 0;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (!continueOnFail && failures.size > 0) break;
		if (results[itemIndex]) continue; // decided before the loop: Skip Unchanged Contacts
		if (run.signal?.aborted) break;
		if (started.tryAcquire()) {
			// A burst of ready items: let the event loop run once every ITEMS_PER_TURN of them.
			if (++preparedThisTurn > ITEMS_PER_TURN) {
				await sleep(0);
				preparedThisTurn = 1;
			}
		} else {
			// Waiting for a place means an answer came in: the event loop has just run, and the
			// freed place is refilled in the same turn.
			try {
				await started.acquire(run.signal);
			} catch {
				break;
			}
			preparedThisTurn = 1;
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
 * Prepares one item and sends it (or previews it), and stores its output. Throws the item's
 * failure.
 */
async function processItem(
	run: Run,
	itemIndex: number,
	results: INodeExecutionData[],
): Promise<void> {
	// Synchronous up to the contact queue, so items take their places in input order.
	const input = run.unchanged?.takeInput(itemIndex) ?? readItemInput(run, itemIndex);
	const request = run.provider.buildRequest(input.parsed, run.connection);
	const json = input.options.previewOnly
		? {
				...previewItem(run.provider, input.parsed, run.connection, request, input.options.queue),
				...run.unchanged?.previewMark(itemIndex),
			}
		: await sendItem(run, itemIndex, input, request);
	results[itemIndex] = itemOutput(json, input.phoneNotes, itemIndex);
}
