import fc from 'fast-check';

import { findProvider } from '../../../nodes/providers';
import { chatbotxFollowUps, chatbotxListPage } from '../../../nodes/providers/chatbotx/contactData';
import type { Provider } from '../../../nodes/engine/provider';
import { vambeTagOptions } from '../../../nodes/providers/vambe/tags';
import { chunks, numericIdList } from '../../../nodes/engine/idList';

const CHATBOTX = { baseUrl: 'https://app.chatbotx.io/api' };
const VAMBE = { baseUrl: 'https://api.vambe.me' };
const HYPERSENDER = {
	baseUrl: 'https://app.hypersender.com',
	instanceId: '9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15',
};

function provider(id: string): Provider<unknown> {
	const found = findProvider(id);
	if (!found) throw new Error(`no provider ${id}`);
	return found;
}

function parse(id: string, raw: Record<string, unknown>) {
	const result = provider(id).schema({}).safeParse(raw);
	if (!result.success) throw new Error(result.error.issues[0].message);
	return result.data;
}

function issue(id: string, raw: Record<string, unknown>) {
	const result = provider(id).schema({}).safeParse(raw);
	if (result.success) throw new Error('expected a validation issue');
	return { path: result.error.issues[0].path.join('.'), message: result.error.issues[0].message };
}

describe('ChatbotX follow-ups', () => {
	const contactId = '11590944070189056';
	const contactUrl = `https://app.chatbotx.io/api/v1/contacts/id%3A${contactId}`;

	it('sets custom fields (PATCH set operations, PUT fields as the alternative), then adds tags', () => {
		const input = parse('chatbotx', {
			identifier: 'jane@example.com',
			chatbotxTags: ['11590000000000201', '11590000000000202'],
			chatbotxCustomFields: {
				field: [
					{ customFieldId: '11590000000000301', value: 'Gold' },
					{ customFieldId: 11590000000000, value: 42 },
				],
			},
		});

		expect(provider('chatbotx').followUps?.(input, contactId, CHATBOTX)).toStrictEqual([
			{
				step: 'set custom fields',
				request: {
					method: 'PATCH',
					url: `${contactUrl}/custom-fields`,
					body: {
						operations: [
							{ customFieldId: '11590000000000301', operation: 'set', value: 'Gold' },
							{ customFieldId: '11590000000000', operation: 'set', value: '42' },
						],
					},
				},
				alternative: {
					method: 'PUT',
					url: `${contactUrl}/custom-fields`,
					body: {
						fields: [
							{ customFieldId: '11590000000000301', value: 'Gold' },
							{ customFieldId: '11590000000000', value: '42' },
						],
					},
				},
			},
			{
				step: 'add tags',
				request: {
					method: 'POST',
					url: `${contactUrl}/tags`,
					body: { tagIds: ['11590000000000201', '11590000000000202'] },
				},
			},
		]);
	});

	it('keeps the upsert body free of tags and custom fields', () => {
		const input = parse('chatbotx', {
			identifier: 'jane@example.com',
			additionalFields: { firstName: 'Jane' },
			chatbotxTags: ['1'],
			chatbotxCustomFields: { field: [{ customFieldId: '2', value: 'x' }] },
		});
		expect(provider('chatbotx').buildRequest(input, CHATBOTX).body).toStrictEqual({
			firstName: 'Jane',
		});
	});

	it('sends nothing after the upsert when no tags or custom fields are set', () => {
		const input = parse('chatbotx', { identifier: 'jane@example.com' });
		expect(provider('chatbotx').followUps?.(input, contactId, CHATBOTX)).toStrictEqual([]);
	});

	it('splits tags into requests of 100 and custom fields into requests of 20, in order', () => {
		const tagIds = Array.from({ length: 201 }, (_, index) => String(1000 + index));
		const customFields = Array.from({ length: 21 }, (_, index) => ({
			customFieldId: String(5000 + index),
			value: `v${index}`,
		}));
		const steps = chatbotxFollowUps({ tagIds, customFields }, contactId, CHATBOTX);
		expect(steps.map((step) => step.step)).toEqual([
			'set custom fields (part 1 of 2)',
			'set custom fields (part 2 of 2)',
			'add tags (part 1 of 3)',
			'add tags (part 2 of 3)',
			'add tags (part 3 of 3)',
		]);
		expect(steps.slice(2).flatMap((step) => step.request.body?.tagIds as string[])).toEqual(tagIds);
		expect((steps[1].request.body?.operations as unknown[]).length).toBe(1);
	});

	it.each([
		[{ chatbotxTags: 'gold' }, 'chatbotxTags', '"gold" is not a ChatbotX tag ID (digits only)'],
		[{ chatbotxTags: { id: 1 } }, 'chatbotxTags', 'must be a list of ChatbotX tag IDs'],
		[
			{ chatbotxCustomFields: { field: [{ customFieldId: '', value: 'x' }] } },
			'chatbotxCustomFields',
			'row 1 has no custom field',
		],
		[
			{ chatbotxCustomFields: { field: [{ customFieldId: 'plan', value: 'x' }] } },
			'chatbotxCustomFields',
			'"plan" is not a ChatbotX custom field ID',
		],
		[
			{
				chatbotxCustomFields: {
					field: [
						{ customFieldId: '7', value: 'a' },
						{ customFieldId: ' 7 ', value: 'b' },
					],
				},
			},
			'chatbotxCustomFields',
			'custom field 7 appears twice',
		],
		[
			{ chatbotxCustomFields: { field: [{ customFieldId: '7', value: { a: 1 } }] } },
			'chatbotxCustomFields',
			'must be text, a number or a boolean',
		],
	])('refuses %j', (raw, path, message) => {
		const found = issue('chatbotx', { identifier: 'jane@example.com', ...raw });
		expect(found.path).toBe(path);
		expect(found.message).toContain(message);
	});

	it('reads one page of tags or custom fields into dropdown entries', () => {
		expect(
			chatbotxListPage(
				{
					data: [
						{ id: '11', name: 'VIP', emoji: '⭐', color: 'red' },
						{ id: '12', name: 'Lead' },
						{ name: 'no id' },
					],
				},
				'tags',
			),
		).toEqual({
			options: [
				{ name: '⭐ VIP', value: '11' },
				{ name: 'Lead', value: '12' },
			],
			size: 3,
		});
		expect(
			chatbotxListPage({ data: [{ id: '21', name: 'Plan', type: 'text' }] }, 'customFields'),
		).toEqual({ options: [{ name: 'Plan', value: '21', description: 'Type: text' }], size: 1 });
		expect(chatbotxListPage({ message: 'nope' }, 'tags')).toEqual({ options: [], size: 0 });
	});
});

describe('Vambe tags', () => {
	const contactId = '7a1c9e2b-4d3f-4b8a-9c6d-5e4f3a2b1c0d';
	const base = {
		vambeChannel: 'whatsapp',
		channelPhoneNumber: '+56911112222',
		phoneNumber: '+56912345678',
	};

	it('replaces the contact’s tags by its ID with the tag IDs as numbers', () => {
		const input = parse('vambe', { ...base, vambeTags: ['12', 15, '12'] });
		expect(provider('vambe').followUps?.(input, contactId, VAMBE)).toStrictEqual([
			{
				step: 'replace tags',
				request: {
					method: 'PATCH',
					url: `https://api.vambe.me/api/public/contact/tags/${contactId}`,
					body: { tagsIds: [12, 15] },
				},
			},
		]);
		expect(provider('vambe').buildRequest(input, VAMBE).body).not.toHaveProperty('tagsIds');
	});

	it.each([[[]], [''], [null], ['  ']])('never sends an empty tag list (%j)', (vambeTags) => {
		const input = parse('vambe', { ...base, vambeTags });
		expect(provider('vambe').followUps?.(input, contactId, VAMBE)).toStrictEqual([]);
	});

	it('reads tag IDs from a comma-separated expression result', () => {
		const input = parse('vambe', { ...base, vambeTags: '3, 4,5' });
		expect(provider('vambe').followUps?.(input, contactId, VAMBE)[0].request.body).toEqual({
			tagsIds: [3, 4, 5],
		});
	});

	it('refuses a tag ID too large to be one of Vambe’s', () => {
		expect(issue('vambe', { ...base, vambeTags: ['123456789012345678901'] }).message).toContain(
			"is not a Vambe tag ID: Vambe's tag IDs are small whole numbers",
		);
	});

	it('lists contact tags only, by name', () => {
		expect(
			vambeTagOptions([
				{ id: 2, value: 'Zona sur', entity_type: 'CONTACT' },
				{ id: 3, value: 'Urgente', entity_type: 'TICKET' },
				{ id: 1, value: 'Cliente VIP', entity_type: 'CONTACT' },
				{ id: 'x', value: 'bad id' },
			]),
		).toEqual([
			{ name: 'Cliente VIP', value: 1 },
			{ name: 'Zona sur', value: 2 },
		]);
	});
});

describe('Hypersender queued requests', () => {
	const hypersender = provider('hypersender');
	const uuid = '3c8f1e52-7b2d-4a9e-8f10-6d2c5b4a3e21';

	it('finds the queued request ID only in a queued answer', () => {
		expect(hypersender.queue?.queuedId({ queued: true, queued_request_uuid: uuid })).toBe(uuid);
		expect(hypersender.queue?.queuedId({ data: { success: true } })).toBeUndefined();
		expect(hypersender.queue?.queuedId({ queued: 'yes', queued_request_uuid: uuid })).toBe(
			undefined,
		);
	});

	it('reads the queued request at its documented path', () => {
		expect(hypersender.queue?.request(uuid, HYPERSENDER)).toStrictEqual({
			method: 'GET',
			url: `https://app.hypersender.com/api/whatsapp/v2/${HYPERSENDER.instanceId}/queued-requests/${uuid}`,
			headers: { Accept: 'application/json' },
		});
	});

	it('is running while response_status is null and done with the stored answer after', () => {
		expect(hypersender.queue?.read({ uuid, response_status: null })).toEqual({ done: false });
		expect(
			hypersender.queue?.read({
				uuid,
				response_status: 422,
				response_body: '{"message":"The chat id field format is invalid."}',
			}),
		).toEqual({
			done: true,
			statusCode: 422,
			body: { message: 'The chat id field format is invalid.' },
		});
		expect(
			hypersender.queue?.read({
				response_status: 200,
				response_body: { data: { success: true } },
			}),
		).toEqual({ done: true, statusCode: 200, body: { data: { success: true } } });
	});
});

describe('numeric ID lists', () => {
	const schema = numericIdList({ what: 'test', example: '1, 2' });

	it('reads any list of whole numbers, as an array or as comma-separated text, keeping order', () => {
		fc.assert(
			fc.property(
				fc.array(fc.stringMatching(/^[1-9]\d{0,24}$/), { maxLength: 30 }),
				fc.boolean(),
				(ids, asText) => {
					const raw = asText ? ids.map(String).join(' , ') : ids.map(String);
					const parsed = schema.parse(raw);
					expect(parsed).toEqual([...new Set(ids.map(String))]);
				},
			),
		);
	});

	it('refuses anything that is not digits', () => {
		fc.assert(
			fc.property(
				fc
					.string({ minLength: 1 })
					.filter((text) => !/^\s*\d*\s*$/.test(text) && !text.includes(',')),
				(text) => {
					expect(schema.safeParse([text]).success).toBe(false);
				},
			),
		);
	});

	it('splits lists into runs of at most the given size', () => {
		fc.assert(
			fc.property(fc.array(fc.nat()), fc.integer({ min: 1, max: 10 }), (list, size) => {
				const runs = chunks(list, size);
				expect(runs.flat()).toEqual(list);
				expect(runs.every((run) => run.length >= 1 && run.length <= size)).toBe(true);
			}),
		);
	});
});
