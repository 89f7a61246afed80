import type { INode } from 'n8n-workflow';

import { cancelledWhileFinishingError } from '../errors';
import type { Connection, Provider, VendorRequest } from '../provider';
import { abortableWait } from '../scheduler/cancellation';
import {
	sendWithRetries,
	type RateLimitAllowance,
	type Sender,
	type SendLimits,
} from '../transport';
import type { StepContext } from './finish';

/** `set custom fields (part 2 of 3)` → `set-custom-fields-part-2-of-3`, for an idempotency key. */
function slug(step: string): string {
	return step
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** What the item loop knows that finishing an item needs. */
export interface ItemSending {
	sender: Sender;
	provider: Provider<unknown>;
	connection: Connection;
	limits: SendLimits;
	/** The item's Max Wait for Rate Limits, shared with the upsert: one for the whole item. */
	allowance: RateLimitAllowance;
	/** The upsert's idempotency key; each step gets its own, derived from it. */
	idempotencyKey: string;
	itemIndex: number;
}

/**
 * The step context of one item: every step goes through the same send path as the upsert
 * (shared rate-limit budget, the item's one Max Wait allowance, retries, cancellation), and a non-GET step carries an
 * Idempotency-Key of its own, so a retried step is never mistaken for the upsert or another step.
 */
export function stepContext(item: ItemSending): StepContext {
	const { sender, provider, connection, limits, allowance, itemIndex } = item;
	const node: INode = sender.node;
	return {
		node,
		provider,
		connection,
		itemIndex,
		send: async (request: VendorRequest, step: string) => {
			const keyed: VendorRequest =
				provider.idempotency && request.method !== 'GET'
					? {
							...request,
							headers: {
								...request.headers,
								...provider.idempotency.header(`${item.idempotencyKey}-${slug(step)}`),
							},
						}
					: request;
			return await sendWithRetries(sender, keyed, limits, itemIndex, allowance);
		},
		wait: async (ms: number) => {
			// abortableWait rejects only when the execution is cancelled.
			const cancelled = await abortableWait(sender.clock, ms, sender.signal).then(
				() => false,
				() => true,
			);
			if (cancelled) throw cancelledWhileFinishingError(node, provider, itemIndex);
		},
		now: () => sender.clock.now(),
	};
}
