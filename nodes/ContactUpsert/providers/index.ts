import { chatbotx } from './chatbotx';
import { hypersender } from './hypersender';
import { rampwin } from './rampwin';
import type { Provider, ProviderId } from './types';
import { vambe } from './vambe';

/** Erases a provider's input type; the loop only passes a provider's own parsed input back to it. */
function register<Input>(provider: Provider<Input>): Provider<unknown> {
	return provider as unknown as Provider<unknown>;
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
