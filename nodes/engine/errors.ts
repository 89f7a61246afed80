import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import type { ZodError } from 'zod';

import type { VendorError, VendorIdentity } from './vendorTypes';

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
	provider: VendorIdentity,
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
		description: vendorError.details ?? genericHint(statusCode),
		httpCode: String(statusCode),
		itemIndex,
	});
}

function genericHint(statusCode: number): string {
	return statusCode >= 500
		? 'The vendor could not process the request. Try again later; repeating an upsert is safe.'
		: "The vendor refused this item. Check the item's values against the field descriptions.";
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'no answer came in time',
	ETIMEDOUT: 'no answer came in time',
	ESOCKETTIMEDOUT: 'no answer came in time',
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name could not be resolved',
	EPIPE: 'the connection closed while sending',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

/** A request that got no HTTP answer at all, in the user's terms. */
export function networkApiError(
	node: INode,
	provider: VendorIdentity,
	code: string,
	itemIndex: number,
	attempts: number,
	timeoutMs: number,
): NodeApiError {
	const what = NETWORK_WORDS[code] ?? `the request failed (${code})`;
	const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
	const timeoutHint =
		NETWORK_WORDS[code] === 'no answer came in time'
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
	provider: VendorIdentity,
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
	provider: VendorIdentity,
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
