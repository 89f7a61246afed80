import { quoteVendorError } from '../shared/vendorMessage';
import { chatbotx } from './chatbotx';
import { hypersender } from './hypersender';
import { rampwin } from './rampwin';
import type { Provider, ProviderId } from './types';
import { vambe } from './vambe';

/**
 * Erases a provider's input type (the loop only passes a provider's own parsed input back to it)
 * and cuts whatever vendor text its `describeError` quotes to a readable length.
 */
function register<Input>(provider: Provider<Input>): Provider<unknown> {
	const registered: Provider<Input> = {
		...provider,
		describeError: (statusCode, body) => quoteVendorError(provider.describeError(statusCode, body)),
	};
	return registered as unknown as Provider<unknown>;
}

/** Every provider, in the order the `provider` option lists them (alphabetical). */
export const providers: ReadonlyArray<Provider<unknown>> = [
	register(chatbotx),
	register(hypersender),
	register(rampwin),
	register(vambe),
];

/** Looks a provider up by the saved `provider` parameter value. */
export function findProvider(id: string): Provider<unknown> | undefined {
	return providers.find((provider) => provider.id === id);
}

export type { Provider, ProviderId };
