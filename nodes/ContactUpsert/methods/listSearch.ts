import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	VAMBE_LIST_PATHS,
	vambeAgentEntries,
	vambeStageEntries,
	type ListEntry,
} from '../providers/vambe';
import { getList } from './vendorList';

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
