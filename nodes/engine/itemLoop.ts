import {
	NodeOperationError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, readConcurrency, readItemOptions } from './options';
import type { Connection, Provider } from './provider';
import { cancelledBeforeSendError, invalidInputError } from './errors';
import { asItemError, type ItemError } from './itemErrors';
import { quote } from './fields';
import { cleanIdentity } from './identity';
import { ParameterReader } from './parameters';
import { collectPhoneNotes, isCountryCode } from './phone';
import { WaitCancelled } from './scheduler/cancellation';
import { systemClock } from './scheduler/clock';
import { accountKey, schedulers, type AccountScheduler } from './scheduler/registry';
import { Slots } from './scheduler/slots';
import { sendWithRetries, type Sender } from './send';
import { decryptedCredential, sendVendorRequest } from './transport';
import { stepContext } from './steps/context';
import { finishItem } from './steps/finish';
import { previewItem } from './steps/preview';
import { readStepSettings } from './steps/settings';

/**
 * Items prepared ahead of the requests in flight, per request slot. Lets the loop pass items
 * waiting behind an earlier item for the same contact and keep every slot busy with other
 * contacts, while bounding what a run holds in memory.
 */
const LOOKAHEAD_PER_SLOT = 4;

/** Everything one run shares between its items. */
interface Run {
	context: IExecuteFunctions;
	provider: Provider<unknown>;
	connection: Connection;
	concurrency: number;
	/** The vendor account's scheduler, shared by every execution in this process. */
	account: AccountScheduler;
	sender: Sender;
	/** Unique per execution of this node; with the item index it keys ChatbotX idempotency. */
	runKey: string;
	/** The credential's secret values, masked in every error in case a vendor echoes them. */
	secrets: string[];
	parameters: ParameterReader;
	signal: AbortSignal | undefined;
}

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

/** Whether the node runs as an AI agent's tool (n8n registers it as `…contactUpsertTool`). */
function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** The node's one provider, or the one its `provider` parameter names. */
function selectProvider(
	context: IExecuteFunctions,
	providers: ReadonlyArray<Provider<unknown>>,
): Provider<unknown> {
	if (providers.length === 1) return providers[0];
	const providerId = context.getNodeParameter('provider', 0) as string;
	const provider = providers.find((candidate) => candidate.id === providerId);
	if (!provider) {
		throw new NodeOperationError(context.getNode(), `Unknown provider "${providerId}"`, {
			description: `Pick one of ${providerList(providers)} in the Provider field.`,
		});
	}
	return provider;
}

async function prepareRun(
	context: IExecuteFunctions,
	providers: ReadonlyArray<Provider<unknown>>,
): Promise<Run> {
	const node = context.getNode();
	const provider = selectProvider(context, providers);
	const concurrency = readRunConcurrency(context);
	const credentials = await context.getCredentials(provider.credentialType);
	const connection = provider.connection(credentials);
	const secrets = provider.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value.trim().length >= 4);
	if (!/^https?:\/\/[^\s/]+/i.test(connection.baseUrl.trim())) {
		throw new NodeOperationError(
			node,
			`The ${provider.displayName} credential's Base URL is not an http(s) URL`,
			{
				description: 'Open the credential and enter a Base URL such as https://api.example.com.',
			},
		);
	}
	const problem = provider.connectionProblem?.(connection);
	if (problem) {
		throw new NodeOperationError(node, problem, {
			description: `Open the ${provider.displayName} credential and correct it (copy the value from the ${provider.displayName} dashboard).`,
		});
	}
	const credential: ICredentialsDecrypted = decryptedCredential(
		context,
		provider.credentialType,
		credentials,
	);
	const account = schedulers.forAccount(
		await accountKey(provider.credentialType, connection.baseUrl, [
			...provider.secretFields.map((field) => credentials[field]),
			connection.instanceId,
		]),
	);
	const signal = context.getExecutionCancelSignal?.();
	return {
		context,
		provider,
		connection,
		concurrency,
		account,
		sender: {
			node,
			provider,
			transmit: async (request, timeout, abortSignal) =>
				await sendVendorRequest(context, provider, credential, request, timeout, abortSignal),
			budget: account.budget,
			slots: new Slots(concurrency),
			clock: systemClock,
			signal,
		},
		// The execution ID makes it unique per execution; the random part per run of the node
		// within one execution (a loop runs it several times).
		runKey: `${context.getExecutionId() ?? 'manual'}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`,
		secrets,
		parameters: new ParameterReader(context, !runsAsTool(context)),
		signal,
	};
}

/** The providers' names as a sentence, e.g. "ChatbotX, Hypersender, Rampwin or Vambe". */
function providerList(providers: ReadonlyArray<Provider<unknown>>): string {
	const names = providers.map((provider) => provider.displayName);
	return names.length > 1
		? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
		: names.join('');
}

/**
 * Options → Concurrency sizes the whole run, so it is read once, with the first item. A value
 * that cannot be read or is out of range stops the run: there is no item to fail instead.
 */
function readRunConcurrency(context: IExecuteFunctions): number {
	const node = context.getNode();
	const description =
		'Concurrency applies to the whole run and is read once, with the first item. Use a fixed number, or an expression that gives a whole number for the first item.';
	let value: unknown;
	try {
		value = context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(node, `"Concurrency" could not be read: ${reason}`, {
			description,
		});
	}
	const concurrency = readConcurrency(value);
	if (concurrency === undefined) {
		throw new NodeOperationError(
			node,
			`"Concurrency" must be a whole number from 1 to ${MAX_CONCURRENCY}`,
			{ description },
		);
	}
	return concurrency;
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
	const itemOptions = parameters.get('options', itemIndex, {}) as IDataObject;
	const options = readItemOptions(itemOptions);
	if ('invalid' in options) {
		throw new NodeOperationError(
			node,
			`"${options.invalid}" of item ${itemIndex} must be ${options.expected}`,
			{ itemIndex, description: `Fix Options → ${options.invalid} (or the data mapped into it).` },
		);
	}
	const steps = readStepSettings(itemOptions);
	if ('invalid' in steps) {
		throw new NodeOperationError(
			node,
			`"${steps.invalid}" of item ${itemIndex} must be ${steps.expected}`,
			{ itemIndex, description: `Fix Options → ${steps.invalid} (or the data mapped into it).` },
		);
	}
	const defaultCountry = readDefaultCountry(run, itemOptions.defaultCountry, itemIndex);

	const raw: Record<string, unknown> = {};
	for (const name of provider.parameterNames) {
		raw[name] = parameters.get(name, itemIndex, null);
	}
	// Notes say where a number's digits were changed (Brazil's ninth digit), in the output item.
	const { result: parsed, notes } = collectPhoneNotes(() =>
		provider.schema({ defaultCountry }).safeParse(raw),
	);
	if (!parsed.success) throw invalidInputError(node, provider.labels, parsed.error, itemIndex);

	const request = provider.buildRequest(parsed.data, run.connection);
	if (steps.previewOnly) {
		const json = withNotes(
			previewItem(provider, parsed.data, run.connection, request, steps),
			notes,
		);
		results[itemIndex] = { json, pairedItem: { item: itemIndex } };
		return;
	}
	const idempotencyKey = `${run.runKey}-${itemIndex}`;
	if (provider.idempotencyHeader) {
		// Same key on every retry of this item, a new one for every item and every execution.
		request.headers = { ...request.headers, ...provider.idempotencyHeader(idempotencyKey) };
	}
	const simplify = parameters.get('simplify', itemIndex, true) as boolean;

	let endTurn: () => void;
	try {
		endTurn = await run.account.contacts.acquire(provider.contactKey(parsed.data), run.signal);
	} catch (error) {
		throw error instanceof WaitCancelled ? cancelledBeforeSendError(node, itemIndex) : error;
	}
	let body: unknown;
	try {
		const response = await sendWithRetries(run.sender, request, options, itemIndex);
		// Queued results, repeats and follow-ups (tags, custom fields) within the contact's turn.
		const item = { ...run, limits: options, idempotencyKey, itemIndex };
		body = await finishItem(stepContext(item), parsed.data, request, response.body, steps);
	} finally {
		endTurn();
	}
	const json = withNotes(
		simplify ? (provider.normalize(body, parsed.data) as IDataObject) : asJsonObject(body),
		notes,
	);
	results[itemIndex] = { json, pairedItem: { item: itemIndex } };
}

function readDefaultCountry(run: Run, value: unknown, itemIndex: number): string | undefined {
	// A code copied from a sheet or a chat may carry invisible marks: they never make it wrong.
	const code = typeof value === 'string' ? cleanIdentity(value) : value;
	if (code === undefined || code === null || code === '') return undefined;
	if (typeof code === 'string' && isCountryCode(code)) return code.toUpperCase();
	throw new NodeOperationError(
		run.context.getNode(),
		`"Default Country" of item ${itemIndex}: ${quote(value)} is not a two-letter ISO 3166 country code`,
		{
			itemIndex,
			description: 'Use a code such as CL, US or BR, or leave Options → Default Country empty.',
		},
	);
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
