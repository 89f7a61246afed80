import nock from 'nock';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import { SECRETS } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import {
	interceptRequests,
	guardUnmatchedRequests,
	runExpectingError,
	everythingIn,
	type Reply,
} from '../helpers/vendorHttp';
import webWhatsappContact from '../fixtures/vambe/contact-web-whatsapp.json';
import webchatContact from '../fixtures/vambe/contact-webchat.json';
import whatsappContact from '../fixtures/vambe/contact-whatsapp.json';
import customFieldsError from '../fixtures/vambe/error-400-custom-fields.json';
import validationError from '../fixtures/vambe/error-400-validation.json';
import unauthorized from '../fixtures/vambe/error-401.json';
import channelNotFound from '../fixtures/vambe/error-404-channel-phone.json';
import htmlErrorPage from '../fixtures/vambe/error-500-html.json';
import serverError from '../fixtures/vambe/error-500.json';
import unavailable from '../fixtures/vambe/error-503.json';

const ORIGIN = 'https://api.vambe.me';
const UPSERT_PATH = '/api/public/customer/upsert/info';

const CHANNEL_PHONE = '+56 9 5123 4567';
const CHANNEL_PHONE_E164 = '+56951234567';
const CONTACT_PHONE = '+56 9 6123 4567';
const CONTACT_PHONE_E164 = '+56961234567';
const WEBCHAT_CHANNEL_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const STAGE_ID = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
const AGENT_ID = '6c2b0a8e-3d4f-4a5b-9c6d-7e8f9a0b1c2d';

type PhoneChannel = 'whatsapp' | 'web-whatsapp';

/**
 * Answers Vambe upserts in order, one reply per request, and records each request. The API key
 * header and the JSON content type must be present for a request to match at all.
 */
function interceptUpsert(replies: Reply[], origin = ORIGIN, path = UPSERT_PATH) {
	return interceptRequests(
		{
			origin,
			path,
			reqheaders: { 'x-api-key': SECRETS.vambeApi, 'content-type': 'application/json' },
			badheaders: ['authorization'],
		},
		replies,
	);
}

function answerWith(body: unknown, status = 200) {
	return interceptUpsert([{ status, body }]);
}

const unmatched = guardUnmatchedRequests();

function phoneChannel(
	channel: PhoneChannel = 'whatsapp',
	parameters: INodeParameters = {},
): INodeParameters {
	return {
		provider: 'vambe',
		vambeChannel: channel,
		channelPhoneNumber: CHANNEL_PHONE,
		phoneNumber: CONTACT_PHONE,
		...parameters,
	};
}

function webchat(parameters: INodeParameters = {}): INodeParameters {
	return {
		provider: 'vambe',
		vambeChannel: 'webchat',
		webchatChannelId: WEBCHAT_CHANNEL_ID,
		externalUserId: 'user-4821',
		...parameters,
	};
}

describe('Vambe: the request that leaves the process', () => {
	it.each<PhoneChannel>(['whatsapp', 'web-whatsapp'])(
		'sends a %s contact as POST /api/public/customer/upsert/info with only the phone channel fields',
		async (channel) => {
			const { scope, sent } = answerWith(whatsappContact);

			await runNode({ parameters: phoneChannel(channel) });

			scope.done();
			expect(sent).toHaveLength(1);
			expect(sent[0].uri).toBe(UPSERT_PATH);
			expect(sent[0].headers['x-api-key']).toBe(SECRETS.vambeApi);
			expect(sent[0].headers['content-type']).toBe('application/json');
			expect(sent[0].body).toStrictEqual({
				channel,
				channel_phone_number: CHANNEL_PHONE_E164,
				contact_phone_number: CONTACT_PHONE_E164,
			});
		},
	);

	it('sends a webchat contact with channel_id and external_user_id only, ignoring phone fields left over from another channel', async () => {
		const { scope, sent } = answerWith(webchatContact);

		await runNode({
			parameters: webchat({ channelPhoneNumber: CHANNEL_PHONE, phoneNumber: CONTACT_PHONE }),
		});

		scope.done();
		expect(sent[0].headers['x-api-key']).toBe(SECRETS.vambeApi);
		expect(sent[0].body).toStrictEqual({
			channel: 'webchat',
			channel_id: WEBCHAT_CHANNEL_ID,
			external_user_id: 'user-4821',
		});
	});

	it('leaves out webchat fields for a phone channel even when they were filled before switching', async () => {
		const { scope, sent } = answerWith(whatsappContact);

		await runNode({
			parameters: phoneChannel('whatsapp', {
				webchatChannelId: WEBCHAT_CHANNEL_ID,
				externalUserId: 'user-4821',
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({
			channel: 'whatsapp',
			channel_phone_number: CHANNEL_PHONE_E164,
			contact_phone_number: CONTACT_PHONE_E164,
		});
	});

	it('sends every additional field and custom field under the names Vambe documents', async () => {
		const { scope, sent } = answerWith(whatsappContact);

		await runNode({
			parameters: phoneChannel('whatsapp', {
				additionalFields: {
					name: 'Jane Doe',
					email: 'jane@example.com',
					stageId: STAGE_ID,
					agentId: AGENT_ID,
					metadata: '{"source": "website", "plan": "pro", "seats": 3}',
				},
				customFields: {
					field: [
						{ key: 'rut', value: '12.345.678-5' },
						{ key: 'company_name', value: 'Acme Inc.' },
					],
				},
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({
			channel: 'whatsapp',
			channel_phone_number: CHANNEL_PHONE_E164,
			contact_phone_number: CONTACT_PHONE_E164,
			contact_name: 'Jane Doe',
			contact_email: 'jane@example.com',
			stageId: STAGE_ID,
			agentId: AGENT_ID,
			meta_data: { source: 'website', plan: 'pro', seats: 3 },
			custom_field_values: [
				{ key: 'rut', value: '12.345.678-5' },
				{ key: 'company_name', value: 'Acme Inc.' },
			],
		});
	});

	it('takes metadata as an object from an expression and sends custom field numbers and booleans as text', async () => {
		const { scope, sent } = answerWith(webchatContact);

		await runNode({
			items: [{ profile: { source: 'checkout', score: 5 }, seats: 42, vip: true }],
			parameters: webchat({
				additionalFields: { metadata: '={{ $json.profile }}' },
				customFields: {
					field: [
						{ key: 'seats', value: '={{ $json.seats }}' },
						{ key: 'vip', value: '={{ $json.vip }}' },
					],
				},
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({
			channel: 'webchat',
			channel_id: WEBCHAT_CHANNEL_ID,
			external_user_id: 'user-4821',
			meta_data: { source: 'checkout', score: 5 },
			custom_field_values: [
				{ key: 'seats', value: '42' },
				{ key: 'vip', value: 'true' },
			],
		});
	});

	it('leaves out additional fields that are empty and metadata that is an empty object', async () => {
		const { scope, sent } = answerWith(whatsappContact);

		await runNode({
			parameters: phoneChannel('whatsapp', {
				additionalFields: { name: '', email: '  ', stageId: '', metadata: '{}' },
				customFields: {},
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({
			channel: 'whatsapp',
			channel_phone_number: CHANNEL_PHONE_E164,
			contact_phone_number: CONTACT_PHONE_E164,
		});
	});

	it('resolves expressions for each item and sends one request per item', async () => {
		const { scope, sent } = interceptUpsert([
			{ status: 200, body: webchatContact },
			{ status: 200, body: webchatContact },
		]);

		await runNode({
			items: [
				{ user: 'user-1', name: 'Ana' },
				{ user: 4822, name: 'Beto' },
			],
			parameters: webchat({
				externalUserId: '={{ $json.user }}',
				additionalFields: { name: '={{ $json.name }}' },
				options: { concurrency: 1 },
			}),
		});

		scope.done();
		expect(sent.map((request) => request.body)).toStrictEqual([
			{
				channel: 'webchat',
				channel_id: WEBCHAT_CHANNEL_ID,
				external_user_id: 'user-1',
				contact_name: 'Ana',
			},
			{
				channel: 'webchat',
				channel_id: WEBCHAT_CHANNEL_ID,
				external_user_id: '4822',
				contact_name: 'Beto',
			},
		]);
	});

	it('appends the documented path to a base URL with a path prefix and a trailing slash', async () => {
		const { scope, sent } = interceptUpsert(
			[{ status: 200, body: whatsappContact }],
			'https://proxy.example.com',
			'/vambe/api/public/customer/upsert/info',
		);

		await runNode({
			parameters: phoneChannel(),
			credentials: {
				vambeApi: { apiKey: SECRETS.vambeApi, baseUrl: 'https://proxy.example.com/vambe/' },
			},
		});

		scope.done();
		expect(sent[0].uri).toBe('/vambe/api/public/customer/upsert/info');
		expect(unmatched).toEqual([]);
	});
});

describe('Vambe: phone numbers are sent in international format', () => {
	it.each<[string, string | undefined, string]>([
		['+56 9 6123 4567', undefined, '+56961234567'],
		['+56 (9) 6123-4567', undefined, '+56961234567'],
		['+56.9.6123.4567', undefined, '+56961234567'],
		['0056 9 6123 4567', undefined, '+56961234567'],
		['0056 9 6123 4567', 'CL', '+56961234567'],
		['0056 9 6123 4567', 'US', '+56961234567'],
		['0056 9 6123 4567', 'AU', '+56961234567'],
		['56961234567', undefined, '+56961234567'],
		['9 6123 4567', 'CL', '+56961234567'],
		['(9) 6123-4567', 'cl', '+56961234567'],
		['(415) 555-2671', 'US', '+14155552671'],
		['001 415 555 2671', undefined, '+14155552671'],
	])(
		'sends the contact phone %j (default country %s) as %s',
		async (typed, defaultCountry, expected) => {
			const { scope, sent } = answerWith(whatsappContact);

			await runNode({
				parameters: phoneChannel('whatsapp', {
					phoneNumber: typed,
					options: defaultCountry ? { defaultCountry } : {},
				}),
			});

			scope.done();
			expect((sent[0].body as IDataObject).contact_phone_number).toBe(expected);
		},
	);

	it.each<[string, string | undefined, string]>([
		['+56 2 2123 4567', undefined, '+56221234567'],
		['2 2123 4567', 'CL', '+56221234567'],
		['109876543210987', undefined, '109876543210987'],
		['wa-main-channel', undefined, 'wa-main-channel'],
	])(
		'sends the channel phone number or channel ID %j (default country %s) as %s',
		async (typed, defaultCountry, expected) => {
			const { scope, sent } = answerWith(whatsappContact);

			await runNode({
				parameters: phoneChannel('web-whatsapp', {
					channelPhoneNumber: typed,
					options: defaultCountry ? { defaultCountry } : {},
				}),
			});

			scope.done();
			expect((sent[0].body as IDataObject).channel_phone_number).toBe(expected);
		},
	);

	it('sends the same number for one person typed two different ways', async () => {
		const { scope, sent } = interceptUpsert([
			{ status: 200, body: whatsappContact },
			{ status: 200, body: whatsappContact },
		]);

		await runNode({
			items: [{ phone: '+56 9 6123 4567' }, { phone: '0056 (9) 6123-4567' }],
			parameters: phoneChannel('whatsapp', { phoneNumber: '={{ $json.phone }}' }),
		});

		scope.done();
		const numbers = sent.map((request) => (request.body as IDataObject).contact_phone_number);
		expect(numbers).toEqual([CONTACT_PHONE_E164, CONTACT_PHONE_E164]);
	});
});

describe('Vambe: output', () => {
	it.each<[string, INodeParameters, IDataObject, IDataObject]>([
		[
			'whatsapp',
			phoneChannel('whatsapp'),
			whatsappContact,
			{
				provider: 'vambe',
				contactId: '8d3c6f1e-2b4a-4e7d-9f10-5a6b7c8d9e01',
				name: 'Jane Doe',
				email: 'jane@example.com',
				phoneNumber: '+56961234567',
			},
		],
		[
			'web-whatsapp',
			phoneChannel('web-whatsapp'),
			webWhatsappContact,
			{
				provider: 'vambe',
				contactId: 'b71e4c09-6d2f-4a83-8e5b-0c9d1f2a3b4c',
				name: 'Pedro Soto',
				email: null,
				phoneNumber: '+56987654321',
			},
		],
		[
			'webchat',
			webchat(),
			webchatContact,
			{
				provider: 'vambe',
				contactId: 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
				name: 'Ana Rojas',
				email: 'ana.rojas@example.org',
				phoneNumber: null,
			},
		],
	])(
		'returns the simplified contact for a %s upsert, with null where Vambe gives nothing',
		async (_channel, parameters, response, expected) => {
			const { scope } = answerWith(response);

			const output = await runNode({ parameters });

			scope.done();
			expect(output).toStrictEqual([[{ json: expected, pairedItem: { item: 0 } }]]);
		},
	);

	it.each<[string, INodeParameters, IDataObject]>([
		['whatsapp', phoneChannel('whatsapp'), whatsappContact],
		['web-whatsapp', phoneChannel('web-whatsapp'), webWhatsappContact],
		['webchat', webchat(), webchatContact],
	])(
		'returns the contact exactly as Vambe sent it for a %s upsert when Simplify is off',
		async (_channel, parameters, response) => {
			const { scope } = answerWith(response);

			const output = await runNode({ parameters: { ...parameters, simplify: false } });

			scope.done();
			expect(output).toStrictEqual([[{ json: response, pairedItem: { item: 0 } }]]);
		},
	);

	it('accepts a 201 answer and keeps output items in input order', async () => {
		const second = { ...whatsappContact, id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', name: 'Beto' };
		const { scope } = interceptUpsert([
			{ status: 201, body: whatsappContact },
			{ status: 201, body: second },
		]);

		const [output] = await runNode({
			items: [{ phone: '+56 9 6123 4567' }, { phone: '+56 9 8765 4321' }],
			parameters: phoneChannel('whatsapp', {
				phoneNumber: '={{ $json.phone }}',
				options: { concurrency: 1 },
			}),
		});

		scope.done();
		expect(output.map((item) => [item.json.contactId, item.pairedItem])).toEqual([
			[whatsappContact.id, { item: 0 }],
			[second.id, { item: 1 }],
		]);
	});
});

describe('Vambe: invalid input is refused before any request', () => {
	const objectNote = { note: { text: 'not a string' } };
	it.each<[string, INodeParameters, IDataObject[] | undefined, string]>([
		[
			'a whatsapp contact without a channel phone number',
			phoneChannel('whatsapp', { channelPhoneNumber: '' }),
			undefined,
			'"Channel Phone Number or ID" of item 0 is required. Enter a value',
		],
		[
			'a whatsapp contact without a contact phone number',
			phoneChannel('whatsapp', { phoneNumber: '' }),
			undefined,
			'"Contact Phone Number" of item 0 is required. Enter a value',
		],
		[
			'a web-whatsapp contact without a channel phone number',
			phoneChannel('web-whatsapp', { channelPhoneNumber: '   ' }),
			undefined,
			'"Channel Phone Number or ID" of item 0 is required. Enter a value',
		],
		[
			'a web-whatsapp contact whose phone expression resolves to nothing',
			phoneChannel('web-whatsapp', { phoneNumber: '={{ $json.phone }}' }),
			[{ name: 'no phone here' }],
			'"Contact Phone Number" of item 0 is required. Enter a value',
		],
		[
			'a webchat contact without a channel ID',
			webchat({ webchatChannelId: '' }),
			undefined,
			'"Webchat Channel ID" of item 0 is required. Enter a value',
		],
		[
			'a webchat contact without an external user ID',
			webchat({ externalUserId: '' }),
			undefined,
			'"External User ID" of item 0 is required. Enter a value',
		],
		[
			'a webchat channel ID that is not a UUID',
			webchat({ webchatChannelId: 'website-chat' }),
			undefined,
			'"Webchat Channel ID" of item 0: "website-chat" is not a UUID. Copy the ID',
		],
		[
			'a stage ID that is not a UUID',
			phoneChannel('whatsapp', { additionalFields: { stageId: 'qualified' } }),
			undefined,
			'"Stage" of item 0: "qualified" is not a UUID. Copy the ID',
		],
		[
			'an agent ID that is not a UUID',
			webchat({ additionalFields: { agentId: 'jane.doe' } }),
			undefined,
			'"Agent" of item 0: "jane.doe" is not a UUID. Copy the ID',
		],
		[
			'an e-mail address without a domain',
			phoneChannel('whatsapp', { additionalFields: { email: 'jane@' } }),
			undefined,
			'"Email" of item 0: "jane@" is not an e-mail address. Use a form like jane@example.com',
		],
		[
			'metadata that is not JSON',
			phoneChannel('whatsapp', { additionalFields: { metadata: '{source: website}' } }),
			undefined,
			'"Metadata" of item 0 is not valid JSON. Enter an object such as',
		],
		[
			'metadata that is a JSON array',
			webchat({ additionalFields: { metadata: '[{"source": "website"}]' } }),
			undefined,
			'"Metadata" of item 0 must be a JSON object, but got a list. Enter an object such as',
		],
		[
			'a custom field key used twice',
			phoneChannel('whatsapp', {
				customFields: {
					field: [
						{ key: 'rut', value: '12.345.678-5' },
						{ key: ' rut ', value: '9.876.543-2' },
					],
				},
			}),
			undefined,
			'"Custom Fields" of item 0: "rut" appears twice. Keep one row per key.',
		],
		[
			'a custom field row without a key',
			webchat({
				customFields: {
					field: [
						{ key: 'rut', value: '12.345.678-5' },
						{ key: '', value: 'Acme Inc.' },
					],
				},
			}),
			undefined,
			'"Custom Fields" of item 0: row 2 has no key. Enter the field\'s key or remove the row.',
		],
		[
			'an object mapped into a custom field value',
			webchat({ customFields: { field: [{ key: 'note', value: '={{ $json.note }}' }] } }),
			[objectNote],
			'"Custom Fields" of item 0: the value of "note" must be text, a number or a boolean, not an object.',
		],
		[
			'an object mapped into the contact phone number',
			phoneChannel('whatsapp', { phoneNumber: '={{ $json.contact }}' }),
			[{ contact: { phone: CONTACT_PHONE } }],
			'"Contact Phone Number" of item 0 must be text, but got an object. Map a single text value into this field.',
		],
		[
			'an object mapped into the external user ID',
			webchat({ externalUserId: '={{ $json.user }}' }),
			[{ user: { id: 4821 } }],
			'"External User ID" of item 0 must be text, but got an object. Map a single text value into this field.',
		],
		[
			'a list mapped into the name',
			phoneChannel('whatsapp', { additionalFields: { name: '={{ $json.names }}' } }),
			[{ names: ['Jane', 'Doe'] }],
			'"Name" of item 0 must be text, but got a list.',
		],
		[
			'a contact phone number with letters',
			phoneChannel('whatsapp', { phoneNumber: 'call me maybe' }),
			undefined,
			'"Contact Phone Number" of item 0: "call me maybe" may contain only digits, spaces, dashes, dots, brackets and a leading +.',
		],
		[
			'a contact phone number missing a digit',
			phoneChannel('whatsapp', { phoneNumber: '+56 9 6123 456' }),
			undefined,
			'"Contact Phone Number" of item 0: "+56 9 6123 456" is not a valid phone number; include the country code',
		],
		[
			'a national number too short for the default country',
			phoneChannel('web-whatsapp', { phoneNumber: '6123 45', options: { defaultCountry: 'CL' } }),
			undefined,
			'"Contact Phone Number" of item 0: "6123 45" is not a valid phone number (read as a CL number',
		],
		[
			'a channel that Vambe does not have',
			phoneChannel('whatsapp', { vambeChannel: 'sms' }),
			undefined,
			'"Channel" of item 0 must be one of whatsapp, web-whatsapp, webchat. Pick the channel from the list.',
		],
	])('refuses %s', async (_case, parameters, items, expectedStart) => {
		const error = await runExpectingError({ parameters, items });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message.slice(0, expectedStart.length)).toBe(expectedStart);
		const label = /^"([^"]+)"/.exec(expectedStart)?.[1] ?? '';
		expect(error.description).toBe(
			`Fix the "${label}" field (or the data mapped into it) for this item. No request was sent for it.`,
		);
		expect(error.context.itemIndex).toBe(0);
		expect(unmatched).toEqual([]);

		const output = await runNode({ parameters, items, onError: 'continueRegularOutput' });

		expect(output).toStrictEqual([
			[{ json: { error: error.message, message: error.description }, pairedItem: { item: 0 } }],
		]);
		expect(unmatched).toEqual([]);
	});

	it('names the failing item and still sends the valid ones under "continue"', async () => {
		const { scope, sent } = interceptUpsert([
			{ status: 200, body: whatsappContact },
			{ status: 200, body: webWhatsappContact },
		]);

		const [output] = await runNode({
			items: [{ phone: '+56 9 6123 4567' }, { phone: 'n/a' }, { phone: '+56 9 8765 4321' }],
			parameters: phoneChannel('whatsapp', {
				phoneNumber: '={{ $json.phone }}',
				options: { concurrency: 1 },
			}),
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(sent).toHaveLength(2);
		expect(unmatched).toEqual([]);
		expect(output[0]).toMatchObject({
			json: { contactId: whatsappContact.id },
			pairedItem: { item: 0 },
		});
		expect(output[1]).toStrictEqual({
			json: {
				error: expect.stringMatching(
					/^"Contact Phone Number" of item 1: "n\/a" may contain only digits/,
				),
				message:
					'Fix the "Contact Phone Number" field (or the data mapped into it) for this item. No request was sent for it.',
			},
			pairedItem: { item: 1 },
		});
		expect(output[2]).toMatchObject({
			json: { contactId: webWhatsappContact.id },
			pairedItem: { item: 2 },
		});
	});

	it('stops with the failing item named when "continue" is off', async () => {
		const { scope } = answerWith(whatsappContact);

		const error = await runExpectingError({
			items: [{ phone: '+56 9 6123 4567' }, { phone: { national: '9 6123 4567' } }],
			parameters: phoneChannel('whatsapp', { phoneNumber: '={{ $json.phone }}' }),
		});

		scope.done();
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'"Contact Phone Number" of item 1 must be text, but got an object. Map a single text value into this field.',
		);
		expect(error.context.itemIndex).toBe(1);
		expect(unmatched).toEqual([]);
	});
});

describe('Vambe: refusals from Vambe', () => {
	it.each<[string, number, unknown, Record<string, string> | undefined, string, RegExp]>([
		[
			'a NestJS validation error with a list of messages',
			400,
			validationError,
			undefined,
			'Vambe answered 400: contact_phone_number is required for whatsapp channel; channel_phone_number must be longer than or equal to 1 characters',
			/channel fields/,
		],
		[
			'custom field keys that do not exist',
			400,
			customFieldsError,
			undefined,
			'Vambe answered 400: Custom field definitions not found for keys: rut, company_size',
			/custom field key exists in Vambe/,
		],
		[
			'a rejected API key',
			401,
			unauthorized,
			undefined,
			'Vambe answered 401: Invalid API key',
			/API key in the Vambe credential/,
		],
		[
			'a channel phone number Vambe does not know',
			404,
			channelNotFound,
			undefined,
			'Vambe answered 404: Channel phone number not found',
			/channel phone number/i,
		],
		[
			'a server error',
			500,
			serverError,
			undefined,
			'Vambe answered 500: Internal server error',
			/\S/,
		],
		[
			'an HTML error page from a proxy',
			500,
			htmlErrorPage.body,
			htmlErrorPage.headers,
			'Vambe answered 500: 500 Internal Server Error',
			/\S/,
		],
	])(
		"turns %s into an error with Vambe's message, sent only once",
		async (_case, status, body, headers, expectedMessage, hint) => {
			const { scope, sent } = interceptUpsert([{ status, body, headers }]);

			const error = await runExpectingError({ parameters: phoneChannel() });

			scope.done();
			expect(sent).toHaveLength(1);
			expect(unmatched).toEqual([]);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(expectedMessage);
			expect((error as NodeApiError).httpCode).toBe(String(status));
			expect(error.description).toMatch(hint);
			expect(error.context.itemIndex).toBe(0);
		},
	);

	it('turns a refusal into an error item under "continue" and goes on with the next item', async () => {
		const { scope } = interceptUpsert([
			{ status: 401, body: unauthorized },
			{ status: 200, body: webchatContact },
		]);

		const [output] = await runNode({
			items: [{ user: 'user-1' }, { user: 'user-2' }],
			parameters: webchat({ externalUserId: '={{ $json.user }}', options: { concurrency: 1 } }),
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(output).toStrictEqual([
			{
				json: {
					error: 'Vambe answered 401: Invalid API key',
					message: expect.stringMatching(/API key in the Vambe credential/),
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					provider: 'vambe',
					contactId: webchatContact.id,
					name: webchatContact.name,
					email: webchatContact.email,
					phoneNumber: null,
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('retries a 503 with the identical request and returns the contact', async () => {
		const { scope, sent } = interceptUpsert([
			{ status: 503, body: unavailable, headers: { 'Retry-After': '0' } },
			{ status: 200, body: whatsappContact },
		]);

		const [output] = await runNode({ parameters: phoneChannel() });

		scope.done();
		expect(sent).toHaveLength(2);
		expect(sent[1].body).toStrictEqual(sent[0].body);
		expect(output[0].json.contactId).toBe(whatsappContact.id);
	});

	it("fails with Vambe's message when a 503 may not be retried", async () => {
		const { scope, sent } = interceptUpsert([{ status: 503, body: unavailable }]);

		const error = await runExpectingError({
			parameters: phoneChannel('whatsapp', { options: { maxRetries: 0 } }),
		});

		scope.done();
		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Vambe answered 503: Service Unavailable');
		expect((error as NodeApiError).httpCode).toBe('503');
	});
});

describe('Vambe: the API key never shows up in what the node returns', () => {
	function expectNoSecret(value: unknown) {
		expect(everythingIn(value)).not.toContain(SECRETS.vambeApi);
	}

	it('is absent from simplified and raw output', async () => {
		const { scope } = interceptUpsert([
			{ status: 200, body: whatsappContact },
			{ status: 200, body: whatsappContact },
		]);

		const simplified = await runNode({ parameters: phoneChannel() });
		const raw = await runNode({ parameters: { ...phoneChannel(), simplify: false } });

		scope.done();
		expect(simplified[0]).toHaveLength(1);
		expect(raw[0]).toHaveLength(1);
		expectNoSecret(simplified);
		expectNoSecret(raw);
	});

	it.each<[string, () => void, INodeParameters]>([
		['invalid input', () => undefined, phoneChannel('whatsapp', { phoneNumber: 'call me' })],
		[
			'a rejected API key',
			() => answerWith(unauthorized, 401),
			phoneChannel('whatsapp', { options: { maxRetries: 0 } }),
		],
		[
			'an HTML error page',
			() => interceptUpsert([{ status: 500, ...htmlErrorPage }]),
			phoneChannel('whatsapp', { options: { maxRetries: 0 } }),
		],
		[
			'a connection failure',
			() =>
				nock(ORIGIN)
					.post(UPSERT_PATH)
					.replyWithError(
						Object.assign(new Error('connect ECONNREFUSED 203.0.113.7:443'), {
							code: 'ECONNREFUSED',
						}),
					),
			phoneChannel('whatsapp', { options: { maxRetries: 0 } }),
		],
	])(
		'is absent from the error and the error item after %s',
		async (_case, intercept, parameters) => {
			intercept();
			const error = await runExpectingError({ parameters });
			expect(error.message).not.toBe('');
			expectNoSecret(error);
			expectNoSecret({ description: error.description, context: error.context });

			intercept();
			const output: INodeExecutionData[][] = await runNode({
				parameters,
				onError: 'continueRegularOutput',
			});
			expect(output[0][0].json.error).toBe(error.message);
			expectNoSecret(output);
		},
	);
});
