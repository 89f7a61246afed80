import { NodeApiError, type INode } from 'n8n-workflow';

import type { VendorAnswers } from './vendorTypes';
import { vendorApiError } from './errors';
import type { VendorResponse } from './transport';
import { describeRawBody } from './vendorMessage';

/** A 2xx whose body is text that should have been JSON (a proxy page, a truncated response). */
function isUnreadableBody(body: unknown): boolean {
	return typeof body === 'string' && body.trim() !== '';
}

/**
 * Throws when a 2xx answer does not show a saved contact: a body that is not JSON, or a body in
 * which the vendor reports a failure (`{ success: false }`).
 */
export function checkSuccessBody(
	node: INode,
	provider: VendorAnswers,
	response: VendorResponse,
	itemIndex: number,
	attempts: number,
): void {
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
}
