// Every message the node shows, built in one place: longer than 300 lines for that reason.
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import type { ZodError } from 'zod';

import { maskDeep, maskSecrets } from './masking';
import type { InvalidOption, Provider, VendorError } from './provider';
import { suggestedBaseUrl } from './transport/redirects';
import type { NetworkFailure } from './transport/retry';
import { describeRawBody } from './vendorMessage';

/** What a message needs to know about the provider whose vendor it talks about. */
export type ProviderName = Pick<Provider<unknown>, 'displayName'>;

/** What an item fails with: bad input, or a vendor or network failure. */
export type ItemError = NodeOperationError | NodeApiError;

// ---- Run set-up: stops the whole run, there is no item to fail instead.

/** The `provider` parameter names no provider of the node. */
export function unknownProviderError(
	node: INode,
	providerId: string,
	names: readonly string[],
): NodeOperationError {
	const list =
		names.length > 1
			? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
			: names.join('');
	return new NodeOperationError(node, `Unknown provider "${providerId}"`, {
		description: `Pick one of ${list} in the Provider field.`,
	});
}

/** The credential's Base URL is no plain http(s) root (see `baseUrlProblem`). */
export function baseUrlError(
	node: INode,
	vendor: ProviderName,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`The ${vendor.displayName} credential's Base URL ${problem}`,
		{
			description:
				'Open the credential and enter only the root of the API, such as https://api.example.com (a path prefix is fine).',
		},
	);
}

/** A provider found the credential's settings wrong, in a sentence for the user. */
export function connectionError(
	node: INode,
	vendor: ProviderName,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(node, problem, {
		description: `Open the ${vendor.displayName} credential and correct it (copy the value from the ${vendor.displayName} dashboard).`,
	});
}

const CONCURRENCY_HINT =
	'Concurrency applies to the whole run and is read once, with the first item. Use a fixed number, or an expression that gives a whole number for the first item.';

/** Options → Concurrency could not be read, or is out of range. */
export function concurrencyError(node: INode, problem: string): NodeOperationError {
	return new NodeOperationError(node, `"Concurrency" ${problem}`, {
		description: CONCURRENCY_HINT,
	});
}

/** A run-level option of Skip Unchanged Contacts (read with the first item) is not what it must be. */
export function unchangedOptionError(
	node: INode,
	label: string,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(node, `"${label}" ${problem}`, {
		description: `${label} applies to the whole run and is read once, with the first item. Use a fixed value, or an expression that gives one for the first item.`,
	});
}

/**
 * Skip Unchanged Contacts could not use this node's memory in n8n's database: it cannot be
 * opened here, or reading it failed. Nothing was sent.
 */
export function unchangedStoreError(
	node: INode,
	action: 'open' | 'read' | 'read, memory forgotten' | 'read, memory left',
	cause: unknown,
): NodeOperationError {
	const reason = cause instanceof Error ? cause.message : String(cause);
	const what = action === 'open' ? 'cannot be used here' : "could not read this node's memory";
	const STORE =
		"The option keeps what was sent in n8n's database (the store the Remove Duplicates node uses too). Nothing was sent.";
	const next = {
		open: 'Update n8n to a version whose Remove Duplicates node can remove items processed in previous executions, or turn the option off to send every item.',
		read: 'Run again, or turn the option off to send every item.',
		'read, memory forgotten':
			"To be safe this node's memory was cleared: the next run sends every item once, then skips again.",
		'read, memory left':
			'Some contacts may now count as sent although they were not: run once with Options → Forget Remembered Contacts on, or turn the option off.',
	}[action];
	return new NodeOperationError(node, `Skip Unchanged Contacts ${what}: ${reason}`, {
		description: `${STORE} ${next}`,
	});
}

// ---- One item's input: nothing was sent for it.

/** An entry of Options is not what it must be (an expression can bypass the editor's limits). */
export function invalidOptionError(
	node: INode,
	option: InvalidOption,
	itemIndex: number,
): NodeOperationError {
	const { invalid: label, expected, shown, hint } = option;
	const problem = shown ? `: ${shown} is not ${expected}` : ` must be ${expected}`;
	return new NodeOperationError(node, `"${label}" of item ${itemIndex}${problem}`, {
		itemIndex,
		description: hint ?? `Fix Options → ${label} (or the data mapped into it).`,
	});
}

const STARTS_A_SENTENCE = /^(is|must|has|appears|was)\b/;

/**
 * The first validation issue of an item as a NodeOperationError: which field, which item, what is
 * wrong and what to do. Example: `"Email" of item 3: "jane@" is not an e-mail address. …`
 */
export function invalidInputError(
	node: INode,
	labels: Readonly<Record<string, string>>,
	error: ZodError,
	itemIndex: number,
): NodeOperationError {
	const issue = error.issues[0];
	const path = issue.path.join('.');
	const label = labels[path] ?? labels[String(issue.path[0])] ?? (path || 'Input');
	const separator = STARTS_A_SENTENCE.test(issue.message) ? ' ' : ': ';
	const message = `"${label}" of item ${itemIndex}${separator}${issue.message}`;
	return new NodeOperationError(node, message, {
		itemIndex,
		description: `Fix the "${label}" field (or the data mapped into it) for this item. No request was sent for it.`,
	});
}

/** A vendor's refusal as a NodeApiError carrying the vendor's own message and the HTTP status. */
export function vendorApiError(
	node: INode,
	provider: ProviderName,
	statusCode: number,
	vendorError: VendorError,
	itemIndex: number,
	attempts: number,
): NodeApiError {
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	const message = `${provider.displayName} answered ${statusCode}${tries}: ${vendorError.message}`;
	// Built from the vendor's body only: never from the request, which carries the credential.
	const response: JsonObject = { message: vendorError.message, httpCode: String(statusCode) };
	return new NodeApiError(node, response, {
		message,
		description: describeRefusal(statusCode, vendorError.details),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * What the user should do about a refusal: the vendor's details, and for a server error (5xx)
 * always that trying again later is safe, which the vendor's own details (an error code, a
 * request ID) rarely say.
 */
function describeRefusal(statusCode: number, details: string | undefined): string {
	if (!details) return genericHint(statusCode);
	return statusCode < 500 ? details : `${details} ${genericHint(statusCode)}`;
}

function genericHint(statusCode: number): string {
	return statusCode >= 500
		? 'The vendor could not process the request. Try again later; repeating an upsert is safe.'
		: "The vendor refused this item. Check the item's values against the field descriptions.";
}

/** A request that got no HTTP answer at all, in the user's terms. */
export function networkApiError(
	node: INode,
	provider: ProviderName,
	failure: NetworkFailure,
	itemIndex: number,
	attempts: number,
	timeoutMs: number,
): NodeApiError {
	const what = failure.timedOut
		? 'no answer came in time'
		: (failure.words ?? `the request failed (${failure.code})`);
	const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
	const timeoutHint = failure.timedOut
		? ` The timeout is ${timeoutMs} ms (Options → Timeout).`
		: '';
	// The response object holds no `code`: NodeApiError would swap our message for its own.
	return new NodeApiError(
		node,
		{ message: what },
		{
			message: `Could not reach ${provider.displayName}: ${what}${tries}`,
			description: `Check the Base URL in the ${provider.displayName} credential and the vendor's status.${timeoutHint}`,
			itemIndex,
		},
	);
}

/** An item that was never sent because the execution was cancelled first. */
export function cancelledBeforeSendError(node: INode, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled before this contact was sent', {
		itemIndex,
		description: 'Nothing was sent for this item.',
	});
}

/**
 * An item cancelled after an attempt was made: while its request was on its way (aborted), or
 * while it waited to be sent again. Either way the vendor may have the contact.
 */
export function cancelledAfterSendError(
	node: INode,
	provider: ProviderName,
	itemIndex: number,
	phase: 'sending' | 'retrying',
): NodeOperationError {
	const what =
		phase === 'sending'
			? `while this contact was being sent to ${provider.displayName} (the request was aborted)`
			: `while this contact waited to be sent to ${provider.displayName} again`;
	return new NodeOperationError(node, `The execution was cancelled ${what}`, {
		itemIndex,
		description: `${provider.displayName} may or may not have saved it. Running the item again is safe: the vendor updates the same contact.`,
	});
}

const RATE_LIMIT_ADVICE =
	'Raise Options → Max Wait for Rate Limits, lower Options → Concurrency or send fewer contacts at once (every execution in this n8n process shares one budget per account), or ask the vendor for a higher rate limit. Repeating the item is safe.';

/** Why an item's rate-limit waits ran out: a wait asked for that does not fit, or time spent. */
export type RateLimitWaitReason =
	| { kind: 'asked'; ms: number }
	| { kind: 'paused'; ms: number }
	| { kind: 'spent' };

/** An item whose time allowed for rate-limit waits ran out, and what to change. */
export function rateLimitWaitError(
	node: INode,
	provider: ProviderName,
	itemIndex: number,
	maxWaitMs: number,
	reason: RateLimitWaitReason,
	vendorError: VendorError | undefined,
): NodeApiError {
	const limit = `Options → Max Wait for Rate Limits (${Math.round(maxWaitMs / 1000)} s)`;
	const said = vendorError ? `: ${vendorError.message}` : '';
	const why =
		reason.kind === 'asked'
			? `asked to wait ${Math.ceil(reason.ms / 1000)} s, longer than what is left of ${limit}`
			: reason.kind === 'paused'
				? `requests to this account are paused for ${Math.ceil(reason.ms / 1000)} s, longer than what is left of ${limit}`
				: `this item waited for it as long as ${limit} allows`;
	return new NodeApiError(
		node,
		{ message: vendorError?.message ?? 'rate limited', httpCode: '429' },
		{
			message: `${provider.displayName} is rate limiting${said} (${why})`,
			description: RATE_LIMIT_ADVICE,
			httpCode: '429',
			itemIndex,
		},
	);
}

/**
 * A 2xx answer whose body is text that should have been JSON (a proxy page, a truncated
 * response): the contact may have been saved.
 */
export function unreadableResponseError(
	node: INode,
	vendor: ProviderName,
	statusCode: number,
	body: unknown,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: 'unreadable response' },
		{
			message: `${vendor.displayName} answered ${statusCode} but its response is not JSON: ${describeRawBody(body)}`,
			description:
				'The contact may have been saved. Running the item again is safe: the vendor updates the same contact.',
			httpCode: String(statusCode),
			itemIndex,
		},
	);
}

/**
 * A vendor's answer to a request whose first attempt, with the same idempotency key, is still
 * being processed.
 */
export const STILL_PROCESSING =
	'The first attempt for this item is probably still being saved (the vendor is processing a request with the same Idempotency-Key). Running the item again is safe: the vendor updates the same contact.';

/** Where a refused redirect pointed and what the credential says, for its message. */
export interface RefusedRedirect {
	vendorName: string;
	/** The credential's name in n8n, if known. */
	credentialName?: string;
	/** The credential's Base URL, to suggest the new one. */
	baseUrl: string;
	sentTo: string;
	statusCode: number;
	location: string;
}

/** A redirect the node did not follow, so the credential was not sent there. */
export function redirectError(node: INode, redirect: RefusedRedirect): NodeApiError {
	const { vendorName, credentialName, baseUrl, sentTo, statusCode, location } = redirect;
	const suggestion = suggestedBaseUrl(sentTo, baseUrl, location);
	const which = credentialName ? `the "${credentialName}" credential` : 'the credential';
	const change = suggestion
		? `update the Base URL in ${which} to ${suggestion}`
		: `update the Base URL in ${which} to the address it now uses`;
	// The response holds no `code`, so NodeApiError keeps this message.
	return new NodeApiError(
		node,
		{ message: `redirect to ${location}`, httpCode: String(statusCode) },
		{
			message: `${vendorName} answered ${statusCode}, a redirect to ${location}. The node does not follow it, so the credential was not sent there`,
			description: `If ${vendorName} has moved, ${change}. The node follows redirects only within the Base URL's own scheme, host and port.`,
			httpCode: String(statusCode),
		},
	);
}

// ---- After the upsert: the contact is saved, a later step failed.

/** A message and description out of whatever a step threw. */
function describeFailure(error: unknown): {
	message: string;
	description?: string;
	httpCode?: string;
} {
	if (error instanceof NodeApiError) {
		return {
			message: error.message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
		};
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * A request after the vendor accepted the upsert failed: the cause's message, status and
 * description, under the words `explain` gives for what that means for the contact.
 */
function acceptedThenFailedError(
	node: INode,
	cause: unknown,
	itemIndex: number,
	explain: (failure: ReturnType<typeof describeFailure>) => {
		message: string;
		description: string;
	},
): NodeApiError {
	const failure = describeFailure(cause);
	const { message, description } = explain(failure);
	return new NodeApiError(
		node,
		{ message: failure.message, ...(failure.httpCode ? { httpCode: failure.httpCode } : {}) },
		{ message, description, httpCode: failure.httpCode, itemIndex },
	);
}

/**
 * A follow-up (tags, custom fields, a repeat) failed after the contact was saved: says so, with
 * the contact's ID and the step, and that running the item again is safe.
 */
export function followUpError(
	node: INode,
	provider: ProviderName,
	contactId: string,
	step: string,
	cause: unknown,
	itemIndex: number,
): NodeApiError {
	return acceptedThenFailedError(node, cause, itemIndex, (failure) => ({
		message: `${provider.displayName} saved the contact (ID ${contactId}), but the step "${step}" failed: ${failure.message}`,
		description: `${failure.description ? `${failure.description} ` : ''}The contact itself is saved. Running the item again is safe: the upsert finds the same contact and the steps set the same values again.`,
	}));
}

/** Follow-ups are asked for, but the vendor's answer holds no contact ID to send them to. */
export function missingContactIdError(
	node: INode,
	provider: ProviderName,
	steps: string[],
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: 'no contact ID in the answer' },
		{
			message: `${provider.displayName} saved the contact but its answer holds no contact ID, so the steps ${steps.map((step) => `"${step}"`).join(', ')} were not sent`,
			description:
				'Running the item again is safe: the upsert finds the same contact. If it keeps happening, turn Simplify off to see what the vendor answers.',
			itemIndex,
		},
	);
}

/** A queued request finished with an error status: the vendor's reason, from its stored answer. */
export function queuedFailedError(
	node: INode,
	provider: ProviderName,
	queuedId: string,
	statusCode: number,
	vendorError: VendorError,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: vendorError.message, httpCode: String(statusCode) },
		{
			message: `${provider.displayName} queued the request (${queuedId}), then answered ${statusCode}: ${vendorError.message}`,
			description:
				vendorError.details ??
				"The contact was not saved. Fix the item's values against the field descriptions and run it again.",
			httpCode: String(statusCode),
			itemIndex,
		},
	);
}

/**
 * Reading a queued request failed (a 404, a refused token, the vendor unreachable): the vendor
 * accepted the upsert and works through it on its own, so the contact may well be saved.
 */
export function queuedReadError(
	node: INode,
	provider: ProviderName,
	queuedId: string,
	cause: unknown,
	itemIndex: number,
): NodeApiError {
	return acceptedThenFailedError(node, cause, itemIndex, (failure) => ({
		message: `${provider.displayName} queued the request (${queuedId}), but reading its result failed: ${failure.message}`,
		description: `${provider.displayName} accepted the upsert and works through queued requests on its own, so the contact may be saved. Look up the queued request ${queuedId} in ${provider.displayName} before changing anything; running the item again is safe: the upsert finds the same contact.`,
	}));
}

/** A queued request had not finished when Options → Max Wait for Queued Request ran out. */
export function queuedTimeoutError(
	node: INode,
	provider: ProviderName,
	queuedId: string,
	waitedMs: number,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: 'queued request still running' },
		{
			message: `${provider.displayName} had not finished the queued request ${queuedId} after ${Math.round(waitedMs / 1000)} s`,
			description: `${provider.displayName} may still save the contact. Raise Options → Max Wait for Queued Request, or turn Wait for Queued Request off to output the queued request's ID instead. Running the item again is safe: the upsert updates the same contact.`,
			itemIndex,
		},
	);
}

/** The execution was cancelled between the steps that finish an item. */
export function cancelledWhileFinishingError(
	node: INode,
	provider: ProviderName,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`The execution was cancelled while ${provider.displayName} was finishing this contact`,
		{
			itemIndex,
			description:
				'The upsert itself was sent and answered; the remaining steps were not. Running the item again is safe: the vendor updates the same contact.',
		},
	);
}

// ---- What the item loop reports.

/**
 * Anything thrown for an item as a NodeOperationError or NodeApiError with its item index, every
 * form of every secret masked (vendors sometimes echo the key they refused). An unexpected error
 * keeps only its message: errors from n8n's HTTP helper hold the request, and with it the
 * credential, in their `cause`.
 */
export function asItemError(
	node: INode,
	secrets: string[],
	error: unknown,
	itemIndex: number,
): ItemError {
	let itemError: ItemError;
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		itemError = error;
		// Our own NodeApiErrors are built from plain objects and carry nothing sensitive.
		if (error instanceof NodeApiError && error.cause instanceof Error) {
			itemError = new NodeApiError(
				node,
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
		itemError = new NodeOperationError(node, message, { itemIndex });
	}
	itemError.message = maskSecrets(itemError.message, secrets);
	if (itemError.description) itemError.description = maskSecrets(itemError.description, secrets);
	if (itemError instanceof NodeApiError) {
		itemError.messages = itemError.messages.map((message) => maskSecrets(message, secrets));
		if (itemError.errorResponse) {
			itemError.errorResponse = maskDeep(itemError.errorResponse, secrets);
		}
	}
	return itemError;
}
