import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { CHATBOTX_LISTS, chatbotxListPage } from '../providers/chatbotxContactData';
import type { ListOption } from '../providers/types';
import { VAMBE_TAGS_PATH, vambeTagOptions } from '../providers/vambeTags';
import { getList } from './vendorList';

/** Enough for any real workspace, and a stop should a server ignore the page number. */
const MAX_PAGES = 100;

/** Every page of a ChatbotX list, read until a page comes back shorter than asked for. */
async function chatbotxList(
	context: ILoadOptionsFunctions,
	kind: 'tags' | 'customFields',
): Promise<ListOption[]> {
	const options: ListOption[] = [];
	const seen = new Set<string | number>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const body = await getList(context, 'chatbotx', CHATBOTX_LISTS[kind], {
			page,
			perPage: CHATBOTX_LISTS.perPage,
		});
		const { options: entries, size } = chatbotxListPage(body, kind);
		const fresh = entries.filter((entry) => !seen.has(entry.value));
		for (const entry of fresh) seen.add(entry.value);
		options.push(...fresh);
		if (size < CHATBOTX_LISTS.perPage || fresh.length === 0) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdown sources for options and multi-options fields (`loadOptionsMethod`). */
export const loadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {
	/** ChatbotX's Tags: every tag of the workspace. */
	async getChatbotxTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await chatbotxList(this, 'tags');
	},

	/** ChatbotX's Custom Fields: every custom field of the workspace. */
	async getChatbotxCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await chatbotxList(this, 'customFields');
	},

	/** Vambe's Tags: the account's contact tags. */
	async getVambeTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return vambeTagOptions(await getList(this, 'vambe', VAMBE_TAGS_PATH));
	},
};
