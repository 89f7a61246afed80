import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findProvider } from '../providers';
import {
	VAMBE_LIST_PATHS,
	vambeAgentEntries,
	vambeStageEntries,
	type ListEntry,
} from '../providers/vambe';
import { vendorApiError } from '../shared/errors';
import { decryptedCredential, sendVendorRequest } from '../shared/transport';
import { joinUrl } from '../shared/url';

/** How long a dropdown waits for the vendor before giving up. */
const LIST_TIMEOUT_MS = 30_000;

/**
 * GETs a vendor's list through the same transport as the upserts (the credential applied by n8n,
 * every status answered, the vendor's own message lifted out of a refusal).
 */
async function getList(
	context: ILoadOptionsFunctions,
	providerId: string,
	path: string,
): Promise<unknown> {
	const provider = findProvider(providerId);
	if (!provider) throw new Error(`No provider ${providerId}`);
	const credentials = await context.getCredentials(provider.credentialType);
	const credential = decryptedCredential(context, provider.credentialType, credentials);
	const url = joinUrl(provider.connection(credentials).baseUrl, path);
	const response = await sendVendorRequest(
		context,
		provider,
		credential,
		{ method: 'GET', url },
		LIST_TIMEOUT_MS,
	);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const vendorError = provider.describeError(response.statusCode, response.body);
		throw vendorApiError(context.getNode(), provider, response.statusCode, vendorError, 0, 1);
	}
	return response.body;
}

/** Keeps the entries whose name or ID contains what the user typed, ignoring case. */
function filtered(entries: ListEntry[], filter?: string): INodeListSearchResult {
	if (!filter) return { results: entries };
	const needle = filter.toLowerCase();
	return {
		results: entries.filter(
			(entry) =>
				entry.name.toLowerCase().includes(needle) || entry.value.toLowerCase().includes(needle),
		),
	};
}

/** Dropdown sources for resource locators (`searchListMethod`), as n8n's `methods.listSearch`. */
export const listSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>
> = {
	/** Vambe's Stage dropdown: every pipeline's stages. */
	async searchVambeStages(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return filtered(
			vambeStageEntries(await getList(this, 'vambe', VAMBE_LIST_PATHS.stages)),
			filter,
		);
	},

	/** Vambe's Agent dropdown: team members by name. */
	async searchVambeAgents(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return filtered(
			vambeAgentEntries(await getList(this, 'vambe', VAMBE_LIST_PATHS.agents)),
			filter,
		);
	},
};
