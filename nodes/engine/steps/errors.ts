import { NodeApiError, type INode } from 'n8n-workflow';

import type { VendorError, VendorIdentity } from '../vendorTypes';

/** A message and description out of whatever a step threw. */
function describe(error: unknown): { message: string; description?: string; httpCode?: string } {
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
 * A follow-up (tags, custom fields, a repeat) failed after the contact was saved: says so, with
 * the contact's ID and the step, and that running the item again is safe.
 */
export function followUpError(
	node: INode,
	provider: VendorIdentity,
	contactId: string,
	step: string,
	cause: unknown,
	itemIndex: number,
): NodeApiError {
	const failure = describe(cause);
	return new NodeApiError(
		node,
		{ message: failure.message, ...(failure.httpCode ? { httpCode: failure.httpCode } : {}) },
		{
			message: `${provider.displayName} saved the contact (ID ${contactId}), but the step "${step}" failed: ${failure.message}`,
			description: `${failure.description ? `${failure.description} ` : ''}The contact itself is saved. Running the item again is safe: the upsert finds the same contact and the steps set the same values again.`,
			httpCode: failure.httpCode,
			itemIndex,
		},
	);
}

/** Follow-ups are asked for, but the vendor's answer holds no contact ID to send them to. */
export function missingContactIdError(
	node: INode,
	provider: VendorIdentity,
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
	provider: VendorIdentity,
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

/** A queued request had not finished when Options → Max Wait for Queued Request ran out. */
export function queuedTimeoutError(
	node: INode,
	provider: VendorIdentity,
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
