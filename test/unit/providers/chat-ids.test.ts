import { toChatbotxIdentifier } from '../../../nodes/providers/chatbotx';
import { toHypersenderChatId } from '../../../nodes/providers/hypersender';
import { readJson } from '../helpers/repository';

// How each vendor's own identifier is read from what a user pastes (invisible marks, full-width
// digits, WhatsApp IDs), from the tables in fixtures/<vendor>/chat-ids.json.

interface Spelling {
	typed: string;
	defaultCountry?: string;
	result: { ok: true; value: string } | { ok: false; reason: string };
}

const spellings = (vendor: string) =>
	readJson(`test/unit/fixtures/${vendor}/chat-ids.json`) as Spelling[];

describe.each([
	['Hypersender chat IDs', spellings('hypersender'), toHypersenderChatId],
	['ChatbotX identifiers', spellings('chatbotx'), toChatbotxIdentifier],
])('%s', (_vendor, table, read) => {
	// An @c.us ID is written country code first: Default Country never applies to it.
	it.each(table)('reads $typed (default country $defaultCountry) as $result', (row) => {
		expect(read(row.typed, row.defaultCountry)).toEqual(row.result);
	});
});
