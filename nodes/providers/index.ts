import { defineProvider, type Provider, type ProviderDefinition } from '../engine/provider';
import { chatbotx } from './chatbotx';
import { hypersender } from './hypersender';
import { rampwin } from './rampwin';
import { vambe } from './vambe';

/**
 * The registry: every provider, in the order Contact Upsert's `provider` option lists them
 * (alphabetical). Everything that lists vendors (node descriptions, credentials, codex aliases,
 * packages, sandbox, demo, e2e seeds) derives from it or is checked against it by a test.
 */
export const registry = {
	chatbotx: defineProvider(chatbotx),
	hypersender: defineProvider(hypersender),
	rampwin: defineProvider(rampwin),
	vambe: defineProvider(vambe),
} as const;

/** Values of Contact Upsert's `provider` parameter. Saved in workflows: never rename. */
export type ProviderId = keyof typeof registry;

/** Every provider, in registry order. */
export const providers: ReadonlyArray<Provider<unknown>> = Object.values(registry);

/**
 * Providers that also ship as a single-service package, `n8n-nodes-<id>`, whose one node
 * (`nodes/<displayName>/`) is Contact Upsert's provider without the selector. n8n verifies only
 * packages of one service each. ChatbotX is not one: it has an n8n node of its own, and n8n does
 * not verify a node that already exists.
 */
export const singleServiceProviders: ReadonlyArray<ProviderId> = [
	'hypersender',
	'rampwin',
	'vambe',
];

/** Looks a provider up by the saved `provider` parameter value. */
export function findProvider(id: string): Provider<unknown> | undefined {
	return providers.find((provider) => provider.id === id);
}

export type { Provider, ProviderDefinition };
