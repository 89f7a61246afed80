import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { readRunOptions, type RunOptions } from './options';
import { findProvider } from './providers';
import type { Connection, Provider, VendorRequest } from './providers/types';
import { invalidInputError, networkApiError, vendorApiError } from './shared/errors';
import { AdaptiveLimiter } from './shared/limiter';
import { maskDeep, maskSecrets } from './shared/masking';
import { ParameterReader } from './shared/parameters';
import { isCountryCode } from './shared/phone';
import {
	backoffDelay,
	isRetryableNetworkFailure,
	MAX_RETRY_AFTER_MS,
	networkFailure,
	parseRetryAfter,
	RETRYABLE_STATUSES,
} from './shared/retry';
import { decryptedCredential, sendVendorRequest, type VendorResponse } from './shared/transport';
import { describeRawBody } from './shared/vendorMessage';

type ItemError = NodeOperationError | NodeApiError;

/** Everything one run shares between its items. */
interface Run {
	context: IExecuteFunctions;
	provider: Provider<unknown>;
	connection: Connection;
	options: RunOptions;
	limiter: AdaptiveLimiter;
	/** Unique per execution of this node; with the item index it keys ChatbotX idempotency. */
	runKey: string;
	/** The credential's secret values, masked in every error in case a vendor echoes them. */
	secrets: string[];
	/** The credential, decrypted once for the whole run. */
	credential: ICredentialsDecrypted;
	parameters: ParameterReader;
}

/**
 * The one item loop of the node: every input item becomes exactly one output item, in input
 * order, paired to its input. Items run concurrently up to Options → Concurrency. A failing item
 * becomes an error item under "continue on fail" (`{ error, message }`, the only shapes n8n's
 * error output recognizes); otherwise the run stops taking new items and throws the failure of
 * the lowest item index, with that index attached.
 */
export async function executeUpsert(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const run = await prepareRun(this);
	// An AI agent gets a failed item back as data it can read and act on, not a crashed run.
	const continueOnFail = this.continueOnFail() || runsAsTool(this);
	const cancelSignal = this.getExecutionCancelSignal?.();
	const results: INodeExecutionData[] = new Array(items.length);
	const failures = new Map<number, ItemError>();
	let next = 0;

	const worker = async () => {
		while (next < items.length && (continueOnFail || failures.size === 0)) {
			const itemIndex = next++;
			// Let n8n's event loop deliver pending responses and connections before this item's
			// synchronous work (parameters, validation, request building); without the pause, bursts
			// of items run back to back and every request in flight waits behind them.
			if (itemIndex >= run.options.concurrency) await sleep(0);
			if (cancelSignal?.aborted) {
				failures.set(
					itemIndex,
					new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex }),
				);
				break;
			}
			try {
				results[itemIndex] = {
					json: await upsertItem(run, itemIndex),
					pairedItem: { item: itemIndex },
				};
			} catch (caught) {
				const error = asItemError(run, caught, itemIndex);
				if (continueOnFail) results[itemIndex] = errorItem(error, itemIndex);
				else failures.set(itemIndex, error);
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.min(run.options.concurrency, items.length) }, worker),
	);

	if (failures.size > 0) {
		throw failures.get(Math.min(...failures.keys()));
	}
	return [results];
}

/** Whether the node runs as an AI agent's tool (n8n registers it as `…contactUpsertTool`). */
function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

async function prepareRun(context: IExecuteFunctions): Promise<Run> {
	const node = context.getNode();
	const providerId = context.getNodeParameter('provider', 0) as string;
	const provider = findProvider(providerId);
	if (!provider) {
		throw new NodeOperationError(node, `Unknown provider "${providerId}"`, {
			description: 'Pick one of ChatbotX, Hypersender, Rampwin or Vambe in the Provider field.',
		});
	}
	const options = readRunOptions(context.getNodeParameter('options', 0, {}) as IDataObject);
	if ('invalid' in options) {
		throw new NodeOperationError(node, `"${options.invalid}" must be ${options.expected}`, {
			description: `Fix Options → ${options.invalid}.`,
		});
	}
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
	return {
		context,
		provider,
		connection,
		options,
		limiter: new AdaptiveLimiter(options.concurrency),
		// The execution ID makes it unique per execution; the random part per run of the node
		// within one execution (a loop runs it several times).
		runKey: `${context.getExecutionId() ?? 'manual'}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`,
		secrets,
		credential: decryptedCredential(context, provider.credentialType, credentials),
		parameters: new ParameterReader(context, !runsAsTool(context)),
	};
}

/** Reads, validates and sends one item; returns its output JSON or throws an item error. */
async function upsertItem(run: Run, itemIndex: number): Promise<IDataObject> {
	const { context, provider } = run;
	const node = context.getNode();
	const { parameters } = run;
	const itemOptions = parameters.get('options', itemIndex, {}) as IDataObject;
	const defaultCountry = readDefaultCountry(run, itemOptions.defaultCountry, itemIndex);

	const raw: Record<string, unknown> = {};
	for (const name of provider.parameterNames) {
		raw[name] = parameters.get(name, itemIndex, null);
	}
	const parsed = provider.schema({ defaultCountry }).safeParse(raw);
	if (!parsed.success) throw invalidInputError(node, provider.labels, parsed.error, itemIndex);

	const request = provider.buildRequest(parsed.data, run.connection);
	if (provider.idempotencyHeader) {
		// Same key on every retry of this item, a new one for every item and every execution.
		request.headers = {
			...request.headers,
			...provider.idempotencyHeader(`${run.runKey}-${itemIndex}`),
		};
	}
	const response = await sendWithRetries(run, request, itemIndex);
	const simplify = parameters.get('simplify', itemIndex, true) as boolean;
	if (simplify) return provider.normalize(response.body, parsed.data) as IDataObject;
	return asJsonObject(response.body);
}

function readDefaultCountry(run: Run, value: unknown, itemIndex: number): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return undefined;
	}
	if (typeof value === 'string' && isCountryCode(value.trim())) return value.trim().toUpperCase();
	throw new NodeOperationError(
		run.context.getNode(),
		`"Default Country" of item ${itemIndex}: ${JSON.stringify(value)} is not a two-letter ISO 3166 country code`,
		{
			itemIndex,
			description: 'Use a code such as CL, US or BR, or leave Options → Default Country empty.',
		},
	);
}

/**
 * Sends a request, retrying what is worth retrying: 408/429/502/503/504 and network failures,
 * up to Options → Max Retries. A wait the vendor asks for (Retry-After, or ChatbotX's "Retry
 * after Ns") is honored; otherwise exponential backoff with jitter. A 429 slows the whole run.
 * Every retry is safe because each vendor's call is an upsert keyed on the contact (see README).
 */
async function sendWithRetries(
	run: Run,
	request: VendorRequest,
	itemIndex: number,
): Promise<VendorResponse> {
	const { context, provider, limiter, options } = run;
	const node = context.getNode();
	for (let attempt = 0; ; attempt++) {
		const attempts = attempt + 1;
		await limiter.acquire();
		let response: VendorResponse | undefined;
		let thrown: unknown;
		try {
			response = await sendVendorRequest(
				context,
				provider,
				run.credential,
				request,
				options.timeout,
			);
		} catch (error) {
			thrown = error;
		}
		const ok = response !== undefined && response.statusCode >= 200 && response.statusCode < 300;
		limiter.release(ok);

		if (response && ok) {
			if (isUnreadableBody(response.body)) {
				throw new NodeApiError(
					node,
					{ message: 'unreadable response' },
					{
						message: `${provider.displayName} answered ${response.statusCode} but its response is not JSON: ${describeRawBody(response.body)}`,
						description:
							'The contact may have been saved. Running the item again is safe: the vendor updates the same contact.',
						httpCode: String(response.statusCode),
						itemIndex,
					},
				);
			}
			if (provider.reportsFailure?.(response.body)) {
				const vendorError = provider.describeError(response.statusCode, response.body);
				throw vendorApiError(node, provider, response.statusCode, vendorError, itemIndex, attempts);
			}
			return response;
		}
		const canRetry = attempt < options.maxRetries;
		if (response) {
			if (!RETRYABLE_STATUSES.has(response.statusCode) || !canRetry) {
				throw vendorApiError(
					node,
					provider,
					response.statusCode,
					provider.describeError(response.statusCode, response.body),
					itemIndex,
					attempts,
				);
			}
			const asked =
				parseRetryAfter(response.headers['retry-after'], Date.now()) ??
				secondsToMs(provider.retryAfterFromBody?.(response.body));
			if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
				const vendorError = provider.describeError(response.statusCode, response.body);
				throw vendorApiError(
					node,
					provider,
					response.statusCode,
					{
						message: `${vendorError.message} (asked to wait ${Math.round(asked / 1000)} s, longer than the node waits)`,
						details: vendorError.details,
					},
					itemIndex,
					attempts,
				);
			}
			const delay = asked ?? backoffDelay(attempt);
			if (response.statusCode === 429) limiter.rateLimited(delay);
			await sleep(delay);
			continue;
		}
		const failure = networkFailure(thrown);
		if (!failure) throw thrown;
		if (!isRetryableNetworkFailure(failure) || !canRetry) {
			throw networkApiError(node, provider, failure.code, itemIndex, attempts, options.timeout);
		}
		await sleep(backoffDelay(attempt));
	}
}

function secondsToMs(seconds: number | undefined): number | undefined {
	return seconds === undefined ? undefined : seconds * 1000;
}

/** A 2xx whose body is text that should have been JSON (a proxy page, a truncated response). */
function isUnreadableBody(body: unknown): boolean {
	return typeof body === 'string' && body.trim() !== '';
}

function asJsonObject(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (Array.isArray(body)) return { data: body };
	return body === undefined || body === null || body === '' ? {} : { body: body as string };
}

/**
 * Anything thrown for an item as a NodeOperationError or NodeApiError with its item index. An
 * unexpected error keeps only its message: errors from n8n's HTTP helper hold the request, and
 * with it the credential, in their `cause`.
 */
function asItemError(run: Run, error: unknown, itemIndex: number): ItemError {
	let itemError: ItemError;
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		itemError = error;
		if (error instanceof NodeApiError && error.cause !== undefined && !isOwnError(error)) {
			itemError = new NodeApiError(
				run.context.getNode(),
				{ message: error.message },
				{
					message: error.message,
					description: error.description ?? undefined,
					httpCode: error.httpCode ?? undefined,
					itemIndex,
				},
			);
		}
		if (itemError.context.itemIndex === undefined) itemError.context.itemIndex = itemIndex;
	} else {
		const message = error instanceof Error ? error.message : String(error);
		itemError = new NodeOperationError(run.context.getNode(), message, { itemIndex });
	}
	itemError.message = mask(itemError.message, run.secrets);
	if (itemError.description) itemError.description = mask(itemError.description, run.secrets);
	if (itemError instanceof NodeApiError) {
		itemError.messages = itemError.messages.map((message) => mask(message, run.secrets));
		if (itemError.errorResponse) {
			itemError.errorResponse = maskDeep(itemError.errorResponse, run.secrets);
		}
	}
	return itemError;
}

/** Replaces every secret value in a text (vendors sometimes echo the key they refused). */
function mask(text: string, secrets: string[]): string {
	return maskSecrets(text, secrets);
}

/** Our own NodeApiErrors are built from plain objects and carry nothing sensitive. */
function isOwnError(error: NodeApiError): boolean {
	return !(error.cause instanceof Error);
}

/** The output item for a failed input item, in the shape n8n's error output accepts. */
function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem: { item: itemIndex } };
}
