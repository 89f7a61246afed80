import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialDescription,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { showOnlyFor } from './displayOptions';
import { executeUpsert } from './itemLoop';
import { commonProperties } from './options';
import type { Provider } from './provider';
import { canvasSubtitle, vendorSubtitle } from './subtitle';
import { getList } from './transport';

/** The `provider` parameter's name, saved in Contact Upsert's workflows. */
export const PROVIDER_PARAMETER = 'provider';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a contact',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
		},
	],
	default: 'upsert',
};

type Providers = ReadonlyArray<Provider<unknown>>;

/** Whether the node offers several providers behind a selector. */
function hasSelector(providers: Providers): boolean {
	return providers.length > 1;
}

/** Providers with resource locators first: the locators' "Add your credential" link opens the first credential. */
function locatorsFirst(providers: Providers): Providers {
	return [
		...providers.filter((provider) => provider.methods?.listSearch),
		...providers.filter((provider) => !provider.methods?.listSearch),
	];
}

/** One entry of the Provider selector. */
function providerOption(provider: Provider<unknown>): INodePropertyOptions {
	return { name: provider.displayName, value: provider.id };
}

/**
 * Credentials: with a selector each is gated on '/provider' (the same parameter, read from the
 * node's root) rather than 'provider': n8n's editor takes any parameter named in a credential's
 * `show` as the node's authentication field, hides it from the panel and opens the first
 * provider's credential for "Create new credential".
 */
function credentials(providers: Providers): INodeCredentialDescription[] {
	if (!hasSelector(providers)) {
		return providers.map((provider) => ({ name: provider.credentialType, required: true }));
	}
	return locatorsFirst(providers).map((provider) => ({
		name: provider.credentialType,
		required: true,
		displayOptions: { show: { [`/${PROVIDER_PARAMETER}`]: [provider.id] } },
	}));
}

function properties(providers: Providers): INodeProperties[] {
	if (!hasSelector(providers)) {
		const [provider] = providers;
		return [operation, ...provider.properties, ...commonProperties(provider.options ?? [])];
	}
	const defaultProvider = locatorsFirst(providers)[0].id;
	const selector: INodeProperties = {
		displayName: 'Provider',
		name: PROVIDER_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: providers.map(providerOption),
		default: defaultProvider,
		description: 'The platform to create or update the contact on',
	};
	return [
		selector,
		operation,
		...providers.flatMap((provider) =>
			showOnlyFor({ [PROVIDER_PARAMETER]: [provider.id] }, provider.properties),
		),
		...commonProperties(
			providers.flatMap((provider) =>
				showOnlyFor({ [`/${PROVIDER_PARAMETER}`]: [provider.id] }, provider.options ?? []),
			),
		),
	];
}

/**
 * What a node's description takes from its providers: the credentials and the fields. With several
 * providers (Contact Upsert) a Provider selector gates every provider's fields and credential; with
 * one (a vendor node) its fields show alone. Operation, Simplify and Options are the same for every
 * node.
 */
function fields(providers: Providers): Pick<INodeTypeDescription, 'credentials' | 'properties'> {
	return {
		credentials: credentials(providers),
		properties: properties(providers),
	};
}

/** The canvas subtitle: the provider (and its detail) with a selector, else the detail or action. */
function subtitle(providers: Providers): string {
	return hasSelector(providers) ? canvasSubtitle(providers) : vendorSubtitle(providers[0]);
}

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
) => Promise<INodeListSearchResult>;
type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** Every dropdown source of the providers, each given a reader of that provider's lists with the node's credential. */
function methods(providers: Providers): UpsertNode['methods'] {
	const listSearch: Record<string, ListSearchMethod> = {};
	const loadOptions: Record<string, LoadOptionsMethod> = {};
	for (const provider of providers) {
		for (const [name, method] of Object.entries(provider.methods?.listSearch ?? {})) {
			listSearch[name] = async function (this: ILoadOptionsFunctions, filter?: string) {
				return await method((path, qs) => getList(this, provider, path, qs), filter);
			};
		}
		for (const [name, method] of Object.entries(provider.methods?.loadOptions ?? {})) {
			loadOptions[name] = async function (this: ILoadOptionsFunctions) {
				return await method((path, qs) => getList(this, provider, path, qs));
			};
		}
	}
	return { listSearch, loadOptions };
}

/**
 * What a node takes from the engine, made once from its providers. The node writes the rest of its
 * description literally (name, icon, usableAsTool, inputs, outputs: n8n's linter checks them
 * only there).
 */
export interface UpsertNode {
	/** The description's credentials and properties (`...node.fields`). */
	fields: Pick<INodeTypeDescription, 'credentials' | 'properties'>;
	/** The description's canvas subtitle. */
	subtitle: string;
	/** The node's `methods`: its providers' list searches and dropdowns. */
	methods: {
		listSearch: Record<string, ListSearchMethod>;
		loadOptions: Record<string, LoadOptionsMethod>;
	};
	/** The node's `execute`: the item loop over its providers. */
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** The engine's part of a node over these providers (Contact Upsert: all; a vendor node: one). */
export function upsertNode(providers: Providers): UpsertNode {
	return {
		fields: fields(providers),
		subtitle: subtitle(providers),
		methods: methods(providers),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeUpsert.call(this, providers);
		},
	};
}
