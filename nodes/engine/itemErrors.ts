import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { maskDeep, maskSecrets } from './masking';

/** What an item fails with: bad input, or a vendor or network failure. */
export type ItemError = NodeOperationError | NodeApiError;

/**
 * Anything thrown for an item as a NodeOperationError or NodeApiError with its item index. An
 * unexpected error keeps only its message: errors from n8n's HTTP helper hold the request, and
 * with it the credential, in their `cause`.
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
		if (error instanceof NodeApiError && error.cause !== undefined && !isOwnError(error)) {
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
	itemError.message = mask(itemError.message, secrets);
	if (itemError.description) itemError.description = mask(itemError.description, secrets);
	if (itemError instanceof NodeApiError) {
		itemError.messages = itemError.messages.map((message) => mask(message, secrets));
		if (itemError.errorResponse) {
			itemError.errorResponse = maskDeep(itemError.errorResponse, secrets);
		}
	}
	return itemError;
}

/** Replaces every form of every secret in a text (vendors sometimes echo the key they refused). */
function mask(text: string, secrets: string[]): string {
	return maskSecrets(text, secrets);
}

/** Our own NodeApiErrors are built from plain objects and carry nothing sensitive. */
function isOwnError(error: NodeApiError): boolean {
	return !(error.cause instanceof Error);
}
