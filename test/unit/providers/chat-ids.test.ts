import { toChatbotxIdentifier } from '../../../nodes/providers/chatbotx';
import { toHypersenderChatId } from '../../../nodes/providers/hypersender';

describe('Hypersender chat IDs', () => {
	it.each([
		['+1 213 213 2130@c.us', undefined, '12132132130'],
		['(+1) 213-213-2130@c.us', undefined, '12132132130'],
		['001 213 213 2130@c.us', undefined, '12132132130'],
		['1 213 213 2130 @c.us', undefined, '12132132130'],
		['12132132130@C.US', undefined, '12132132130'],
		// An @c.us ID is written country code first: Default Country never applies to it.
		['12132132130@c.us', 'CL', '12132132130'],
		['56961234567@c.us', 'US', '56961234567'],
		['\u202a+56 9 6123 4567\u202c@c.us', undefined, '56961234567'],
		['987654321012345@lid', undefined, '987654321012345@lid'],
		['987654321012345@LID', 'CL', '987654321012345@lid'],
		['９８７６５４３２１０１２３４５@lid', undefined, '987654321012345@lid'],
		['+1 213 213 2130', undefined, '12132132130'],
		['(213) 213-2130', 'US', '12132132130'],
	])('%j (default country %s) → %s', (input, country, expected) => {
		expect(toHypersenderChatId(input, country)).toEqual({ ok: true, value: expected });
	});

	it.each([
		[
			'+1 213 213@c.us',
			'"+1 213 213@c.us" is not a WhatsApp @c.us ID: the part before @c.us must be a phone number with its country code, e.g. 12132132130@c.us, and it has too few digits for a +1 number.',
		],
		[
			'9 6123 4567@c.us',
			'"9 6123 4567@c.us" is not a WhatsApp @c.us ID: the part before @c.us must be a phone number with its country code, e.g. 12132132130@c.us, and it has too few digits for a +961 number.',
		],
		[
			'9876 5432@lid',
			'"9876 5432@lid" is not a WhatsApp @lid ID: the part before @lid must be digits only, e.g. 123456789012345@lid.',
		],
		[
			'120363025246125888@g.us',
			'"120363025246125888@g.us" is the ID of a WhatsApp group, not of a person. Use a phone number (e.g. +1 213 213 2130) or a WhatsApp ID ending @c.us (12132132130@c.us) or @lid (123456789012345@lid).',
		],
	])('refuses %j saying which form is expected', (input, reason) => {
		expect(toHypersenderChatId(input, 'CL')).toEqual({ ok: false, reason });
	});
});

describe('ChatbotX identifiers', () => {
	it.each([
		['jane@example.com\u200e', 'email:jane@example.com'],
		['\u202aEmail:Jane@Example.com\u202c', 'email:jane@example.com'],
		['id:１１５９０９４４０７０１８９０５７', 'id:11590944070189057'],
		['\ufeff11590944070189057', 'id:11590944070189057'],
		['phone:(+56) 9 6123 4567', 'phone:+56961234567'],
		['+56\u00a09\u00a06123\u00a04567', 'phone:+56961234567'],
		['9 6123 4567', 'phone:+56961234567'],
	])('%j → %s', (input, expected) => {
		expect(toChatbotxIdentifier(input, 'CL')).toEqual({ ok: true, value: expected });
	});

	it('refuses a national number that is not one of the default country', () => {
		expect(toChatbotxIdentifier('(460) 234-5678 1', 'US')).toEqual({
			ok: false,
			reason: '"(460) 234-5678 1" has too many digits for a US number.',
		});
	});
});
