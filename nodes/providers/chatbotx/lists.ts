import type { ListOption, ListReader, ProviderMethods } from '../../engine/provider';
import { CHATBOTX_LISTS, chatbotxListPage } from './contactData';

/** Enough for any real workspace, and a stop should a server ignore the page number. */
const MAX_PAGES = 100;

/** Every page of a ChatbotX list, read until a page comes back shorter than asked for. */
async function chatbotxList(
	read: ListReader,
	kind: 'tags' | 'customFields',
): Promise<ListOption[]> {
	const options: ListOption[] = [];
	const seen = new Set<string | number>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const body = await read(CHATBOTX_LISTS[kind], { page, perPage: CHATBOTX_LISTS.perPage });
		const { options: entries, size } = chatbotxListPage(body, kind);
		const fresh = entries.filter((entry) => !seen.has(entry.value));
		for (const entry of fresh) seen.add(entry.value);
		options.push(...fresh);
		if (size < CHATBOTX_LISTS.perPage || fresh.length === 0) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The methods ChatbotX's fields name (`loadOptionsMethod`). */
export const chatbotxMethods: ProviderMethods = {
	loadOptions: {
		/** ChatbotX's Tags: every tag of the workspace. */
		getChatbotxTags: async (read) => await chatbotxList(read, 'tags'),
		/** ChatbotX's Custom Fields: every custom field of the workspace. */
		getChatbotxCustomFields: async (read) => await chatbotxList(read, 'customFields'),
	},
};
