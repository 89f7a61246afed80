import fc from 'fast-check';
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import chatbotxContact from '../fixtures/chatbotx/contact.json';
import hypersenderSuccess from '../fixtures/hypersender/success.json';
import rampwinSuccess from '../fixtures/rampwin/success.json';
import vambeContact from '../fixtures/vambe/contact-whatsapp.json';
import { testCredentials } from '../helpers/credentials';
import { withInvisible } from '../helpers/invisible';
import { runNode } from '../helpers/runNode';
import { guardUnmatchedRequests } from '../helpers/vendorHttp';

/**
 * Identifying values as people paste them (invisible characters from WhatsApp Web, no-break
 * spaces, full-width digits) must reach the vendor exactly as the plain value does: vendors match
 * them as exact strings, so any difference is a second contact. Runs through n8n-core's real
 * ExecuteContext; nock records the requests that leave the process.
 */

const STAGE_ID = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
const AGENT_ID = '6c2b0a8e-3d4f-4a5b-9c6d-7e8f9a0b1c2d';
const WEBCHAT_CHANNEL_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

interface Sent {
	path: string;
	body: IDataObject;
}

interface Case {
	name: string;
	origin: string;
	response: object;
	/** Node parameters; identifying fields are mapped from the item with expressions. */
	parameters: INodeParameters;
	/** The item with every identifying value written plainly. */
	item: Record<string, string>;
	/** The request the vendor must receive for that item. */
	expected: Sent;
}

const mapped = (key: string) => `={{ $json.${key} }}`;
const locator = (key: string) => ({ __rl: true, mode: 'id', value: mapped(key) });

/** ChatbotX with only its Identifier mapped: the identifier alone makes the request's path. */
function chatbotxIdentifierOnly(kind: string, identifier: string, pathSegment: string): Case {
	return {
		name: `ChatbotX (${kind} identifier)`,
		origin: 'https://app.chatbotx.io',
		response: chatbotxContact,
		parameters: { provider: 'chatbotx', identifier: mapped('identifier') },
		item: { identifier },
		expected: { path: `/api/v1/contacts/${pathSegment}/upsert`, body: {} },
	};
}

const CASES: Case[] = [
	{
		name: 'Vambe (WhatsApp)',
		origin: 'https://api.vambe.me',
		response: vambeContact,
		parameters: {
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: mapped('channel'),
			phoneNumber: mapped('phone'),
			additionalFields: {
				email: mapped('email'),
				stageId: locator('stage'),
				agentId: locator('agent'),
			},
		},
		item: {
			channel: '+56 9 5123 4567',
			phone: '+56 9 6123 4567',
			email: 'jane@example.com',
			stage: STAGE_ID,
			agent: AGENT_ID,
		},
		expected: {
			path: '/api/public/customer/upsert/info',
			body: {
				channel: 'whatsapp',
				channel_phone_number: '+56951234567',
				contact_phone_number: '+56961234567',
				contact_email: 'jane@example.com',
				stageId: STAGE_ID,
				agentId: AGENT_ID,
			},
		},
	},
	{
		name: 'Vambe (webchat)',
		origin: 'https://api.vambe.me',
		response: vambeContact,
		parameters: {
			provider: 'vambe',
			vambeChannel: 'webchat',
			webchatChannelId: mapped('webchat'),
			externalUserId: mapped('external'),
		},
		item: { webchat: WEBCHAT_CHANNEL_ID, external: 'user-4821' },
		expected: {
			path: '/api/public/customer/upsert/info',
			body: { channel: 'webchat', channel_id: WEBCHAT_CHANNEL_ID, external_user_id: 'user-4821' },
		},
	},
	{
		name: 'ChatbotX (e-mail identifier)',
		origin: 'https://app.chatbotx.io',
		response: chatbotxContact,
		parameters: {
			provider: 'chatbotx',
			identifier: mapped('identifier'),
			additionalFields: { email: mapped('email'), phoneNumber: mapped('phone') },
		},
		item: { identifier: 'jane@example.com', email: 'jane@example.com', phone: '+56 9 6123 4567' },
		expected: {
			path: '/api/v1/contacts/email%3Ajane%40example.com/upsert',
			body: { email: 'jane@example.com', phoneNumber: '+56961234567' },
		},
	},
	chatbotxIdentifierOnly('phone', 'phone:+56 9 6123 4567', 'phone%3A%2B56961234567'),
	chatbotxIdentifierOnly('ID', 'id:11590944070189057', 'id%3A11590944070189057'),
	{
		name: 'Rampwin',
		origin: 'https://api.rampwin.com',
		response: rampwinSuccess,
		parameters: {
			provider: 'rampwin',
			rampwinChannelId: mapped('channel'),
			phoneNumber: mapped('phone'),
			additionalFields: { email: mapped('email') },
		},
		item: {
			channel: '65f1c2a9b7e4d3c2a1f0e9d8',
			phone: '+56 9 6123 4567',
			email: 'jane@example.com',
		},
		expected: {
			path: '/api/contacts/insertOrUpdate?channel_id=65f1c2a9b7e4d3c2a1f0e9d8',
			body: { phone_number: '+56961234567', email: 'jane@example.com' },
		},
	},
	...[
		['+1 213 213 2130', '12132132130'],
		['+1 213 213 2130@c.us', '12132132130'],
		['987654321012345@lid', '987654321012345@lid'],
	].map(
		([chatId, sent]): Case => ({
			name: `Hypersender (${chatId})`,
			origin: 'https://app.hypersender.com',
			response: hypersenderSuccess,
			parameters: { provider: 'hypersender', chatId: mapped('chat'), firstName: 'Jane' },
			item: { chat: chatId },
			expected: {
				path: `/api/whatsapp/v2/${String(testCredentials.hypersenderApi.instanceId)}/contacts/upsert`,
				body: { chat_id: sent, first_name: 'Jane' },
			},
		}),
	),
];

const unmatched = guardUnmatchedRequests();

/** Runs the node over the items and returns every request the vendor received, in order. */
async function send(vendor: Case, items: IDataObject[]): Promise<Sent[]> {
	const sent: Sent[] = [];
	const scope = nock(vendor.origin)
		.post(/.*/)
		.query(true)
		.times(items.length)
		.reply((uri, body) => {
			sent.push({ path: uri, body: body as IDataObject });
			return [200, vendor.response];
		});
	await runNode({ parameters: { ...vendor.parameters, options: { concurrency: 1 } }, items });
	scope.done();
	expect(unmatched).toEqual([]);
	return sent;
}

describe('invisible characters never change what a vendor receives', () => {
	it.each(CASES.map((vendor) => [vendor.name, vendor] as const))(
		'%s: the plain values are sent as expected',
		async (_name, vendor) => {
			expect(await send(vendor, [vendor.item])).toEqual([vendor.expected]);
		},
	);

	it.each(CASES.map((vendor) => [vendor.name, vendor] as const))(
		'%s: any invisible characters anywhere in any identifying value give the same request',
		async (_name, vendor) => {
			const keys = Object.keys(vendor.item);
			const pasted = fc.record(
				Object.fromEntries(keys.map((key) => [key, withInvisible(vendor.item[key])])),
			);
			await fc.assert(
				fc.asyncProperty(fc.array(pasted, { minLength: 8, maxLength: 8 }), async (items) => {
					const sent = await send(vendor, items);
					expect(sent).toEqual(items.map(() => vendor.expected));
				}),
				{ numRuns: 6 },
			);
		},
	);

	it('sends the ChatbotX identifier jane@example.com + U+200E exactly like jane@example.com', async () => {
		const vendor = CASES[2];
		const sent = await send(vendor, [
			{ ...vendor.item, identifier: 'jane@example.com\u200e' },
			vendor.item,
		]);
		expect(sent[0]).toEqual(sent[1]);
		expect(sent[0].path).toBe('/api/v1/contacts/email%3Ajane%40example.com/upsert');
	});
});

/** The phone field of each vendor, and where its value lands in the request. */
const PHONE_FIELDS: Array<[string, Case, string]> = [
	['Vambe', CASES[0], 'phone'],
	['ChatbotX', CASES[2], 'phone'],
	['ChatbotX identifier', CASES[3], 'identifier'],
	['Rampwin', CASES[5], 'phone'],
	['Hypersender', CASES[6], 'chat'],
];

/** The pasted forms of +56 9 6123 4567. */
const PASTED_PHONES = [
	'(+56) 9 6123 4567',
	'\u202a+56 9 6123 4567\u202c', // copied from WhatsApp Web
	'\u200e+56 9 6123 4567\u200f',
	'\u2066+56 9 6123 4567\u2069',
	'+56\u00a09\u00a06123\u00a04567',
	'+56\u202f9\u202f6123\u20074567',
	'＋５６ ９ ６１２３ ４５６７',
	'+56 9 ６１２３–４５６７',
	'+٥٦ ٩ ٦١٢٣ ٤٥٦٧',
	'+56\u200b9\u200d6123\ufeff4567\u00ad',
	'00 56 9 6123 4567',
];

describe('pasted phone numbers are read like typed ones', () => {
	it.each(PHONE_FIELDS)(
		'%s receives every pasted form as the typed number',
		async (_name, vendor, key) => {
			const typed = vendor.item[key].startsWith('phone:') ? 'phone:' : '';
			const plain = { ...vendor.item, [key]: `${typed}+56 9 6123 4567` };
			const items = [
				plain,
				...PASTED_PHONES.map((phone) => ({ ...vendor.item, [key]: `${typed}${phone}` })),
			];
			const sent = await send(vendor, items);
			expect(sent).toHaveLength(items.length);
			for (const request of sent) expect(request).toEqual(sent[0]);
			expect(JSON.stringify(sent[0])).toContain('56961234567');
		},
	);
});

describe('errors show the invisible characters of the value they echo', () => {
	it.each([
		{
			name: 'a direction mark in a refused phone number',
			parameters: CASES[5].parameters,
			item: { ...CASES[5].item, phone: '\u200e123\u202c' },
			message: '"Phone Number" of item 0: "<U+200E>123<U+202C>" has too few digits for a +1 number',
		},
		{
			name: 'a zero-width space in a refused ChatbotX identifier',
			parameters: CASES[4].parameters,
			item: { identifier: 'id:12\u200b3a' },
			message:
				'"Identifier" of item 0: "id:12<U+200B>3a" is not a ChatbotX contact ID (digits only).',
		},
		{
			name: 'an @c.us ID whose phone number is cut short, with the form expected',
			parameters: CASES[6].parameters,
			item: { chat: '+1 213 213@c.us' },
			message:
				'"Chat ID" of item 0: "+1 213 213@c.us" is not a WhatsApp @c.us ID: the part before @c.us must be a phone number with its country code, e.g. 12132132130@c.us, and it has too few digits for a +1 number.',
		},
	])('names $name', async ({ parameters, item, message }) => {
		await expect(runNode({ parameters: { ...parameters }, items: [item] })).rejects.toThrow(
			message,
		);
		expect(unmatched).toEqual([]);
	});
});
