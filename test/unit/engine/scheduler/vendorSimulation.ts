import type { INode } from 'n8n-workflow';

import type { Provider, VendorRequest } from '../../../../nodes/engine/provider';
import { SchedulerRegistry } from '../../../../nodes/engine/scheduler/registry';
import { Slots } from '../../../../nodes/engine/scheduler/slots';
import type { Sender, VendorResponse } from '../../../../nodes/engine/transport';
import type { FakeClock } from '../../helpers/fakeClock';

export const NODE: INode = {
	id: 'simulated',
	name: 'Contact Upsert',
	type: 'n8n-nodes-contact-upsert.contactUpsert',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A vendor as the send loop sees it: the message is the body's `message`. */
export const PROVIDER = {
	id: 'rampwin',
	displayName: 'Vendor',
	describeError: (statusCode: number, body: unknown) => ({
		message: (body as { message?: string } | undefined)?.message ?? `HTTP ${statusCode}`,
	}),
} as unknown as Provider<unknown>;

/** One request as the simulated vendor saw it. */
export interface Arrival {
	at: number;
	contact: string;
	status: number;
}

/**
 * A vendor with a fixed-window rate limit (like ChatbotX's 120 per 10 s), answering after
 * `latencyMs`: over the limit it answers 429 with Retry-After set to the rest of the window.
 */
export class FixedWindowVendor {
	readonly arrivals: Arrival[] = [];

	private windowStart = 0;

	private used = 0;

	constructor(
		private readonly clock: FakeClock,
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly latencyMs = 100,
	) {}

	async answer(request: VendorRequest): Promise<VendorResponse> {
		const now = this.clock.now();
		if (now - this.windowStart >= this.windowMs) {
			this.windowStart = now - ((now - this.windowStart) % this.windowMs);
			this.used = 0;
		}
		const allowed = ++this.used <= this.limit;
		const status = allowed ? 200 : 429;
		this.arrivals.push({ at: now, contact: String(request.body?.contact), status });
		const retryAfter = Math.ceil((this.windowStart + this.windowMs - now) / 1000);
		await new Promise<void>((resolve) => this.clock.schedule(resolve, this.latencyMs));
		return allowed
			? { statusCode: 200, headers: {}, body: { id: request.body?.contact } }
			: {
					statusCode: 429,
					headers: { 'retry-after': String(retryAfter) },
					body: { message: 'Too many requests' },
				};
	}
}

/** A run's sender: its own request slots, the account shared through the registry. */
export function senderFor(
	registry: SchedulerRegistry,
	clock: FakeClock,
	transmit: Sender['transmit'],
	options: { concurrency?: number; signal?: AbortSignal; account?: string } = {},
): Sender {
	const account = registry.forAccount(options.account ?? 'vendorApi https://vendor.test digest');
	return {
		node: NODE,
		provider: PROVIDER,
		transmit,
		budget: account.budget,
		slots: new Slots(options.concurrency ?? 5),
		clock,
		signal: options.signal,
	};
}

/** A request for one contact. */
export function requestFor(contact: string): VendorRequest {
	return { method: 'POST', url: 'https://vendor.test/contacts', body: { contact } };
}
