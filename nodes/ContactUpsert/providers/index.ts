import { fieldLabels, itemParameterNames } from '../shared/parameterIndex';
import { quoteVendorError } from '../shared/vendorMessage';
import { chatbotx } from './chatbotx';
import { hypersender } from './hypersender';
import { rampwin } from './rampwin';
import type { Provider, ProviderDefinition, ProviderId } from './types';
import { vambe } from './vambe';

/**
 * Completes a provider from its definition (parameter names and labels come from its
 * properties), cuts whatever vendor text its `describeError` quotes to a readable length, and
 * erases its input type: the loop only passes a provider's own parsed input back to it.
 */
function register<Input>(definition: ProviderDefinition<Input>): Provider<unknown> {
	const provider: Provider<Input> = {
		...definition,
		parameterNames: itemParameterNames(definition.properties),
		labels: fieldLabels(definition.properties),
		describeError: (statusCode, body) =>
			quoteVendorError(definition.describeError(statusCode, body)),
	};
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

/** The providers' names as a sentence: "ChatbotX, Hypersender, Rampwin or Vambe". */
export function providerNamesSentence(): string {
	const names = providers.map((provider) => provider.displayName);
	return names.length > 1
		? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
		: names.join('');
}

export type { Provider, ProviderDefinition, ProviderId };
