import { NodeApiError } from 'n8n-workflow';

import { followUpError, missingContactIdError } from '../errors';
import type { FollowUp, VendorRequest } from '../provider';
import type { StepContext } from './finish';

/**
 * Sends a provider's follow-ups (tags, custom fields) to the contact the upsert returned, in
 * order. Without a contact ID the item fails, naming the steps it could not send; a failing
 * follow-up fails the item with a message that says the contact is saved, with its ID.
 */
export async function sendFollowUps(
	context: StepContext,
	planned: readonly FollowUp[],
	contactId: string | null | undefined,
): Promise<void> {
	if (planned.length === 0) return;
	const { node, provider, itemIndex } = context;
	if (!contactId) {
		throw missingContactIdError(
			node,
			provider,
			planned.map((followUp) => followUp.step),
			itemIndex,
		);
	}
	for (const followUp of planned) {
		try {
			await sendWithAlternative(context, followUp.request, followUp.alternative, followUp.step);
		} catch (error) {
			throw followUpError(node, provider, contactId, followUp.step, error, itemIndex);
		}
	}
}

/** A 404 or 405: the route is not there (or, for 404, the thing it names is not). */
function refusedRoute(error: unknown): boolean {
	return error instanceof NodeApiError && (error.httpCode === '404' || error.httpCode === '405');
}

async function sendWithAlternative(
	context: StepContext,
	request: VendorRequest,
	alternative: VendorRequest | undefined,
	step: string,
): Promise<void> {
	const refusal = await context.send(request, step).then(
		() => undefined,
		(error: unknown) => error ?? 'the request failed',
	);
	if (refusal === undefined) return;
	if (!alternative || !refusedRoute(refusal)) throw refusal;
	// The vendor's other documented form of the same change; if it is refused too, its answer is
	// the one reported (for a missing custom field both say so).
	await context.send(alternative, `${step} (alternative form)`);
}
