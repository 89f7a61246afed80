import nock from 'nock';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeParameters,
} from 'n8n-workflow';

import { SECRETS, testCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import {
	interceptRequests,
	guardUnmatchedRequests,
	repeatedReply,
	runExpectingError,
	type ReplyOptions,
} from '../helpers/vendorHttp';
import fieldErrors from '../fixtures/rampwin/field-errors.json';
import invalidChannel from '../fixtures/rampwin/invalid-channel.json';
import successWithProfile from '../fixtures/rampwin/success-with-profile.json';
import success from '../fixtures/rampwin/success.json';
import unauthorized from '../fixtures/rampwin/unauthorized.json';
import validationError from '../fixtures/rampwin/validation-error.json';

const ORIGIN = 'https://api.rampwin.com';
const UPSERT_PATH = '/api/contacts/insertOrUpdate';
const CHANNEL_ID = '65f1c2a9b7e4d3c2a1f0e9d8';

interface InterceptOptions extends ReplyOptions {
	channelId?: string;
}

/**
 * One Rampwin upsert as the vendor documents it: POST, the exact path, `channel_id` as the only
 * query parameter, the API key in `x-api-key`, a JSON body, and no cookie or Authorization
 * header. Records what was sent so the body can be compared exactly.
 */
function interceptUpsert(options: InterceptOptions = {}) {
	return interceptRequests(
		{
			origin: options.origin ?? ORIGIN,
			path: options.path ?? UPSERT_PATH,
			query: { channel_id: options.channelId ?? CHANNEL_ID },
			reqheaders: { 'x-api-key': SECRETS.rampwinApi, 'content-type': 'application/json' },
			badheaders: ['cookie', 'authorization'],
		},
		repeatedReply(options, success),
	);
}

const unmatched = guardUnmatchedRequests();

function rampwin(parameters: INodeParameters = {}): INodeParameters {
	return {
		provider: 'rampwin',
		rampwinChannelId: CHANNEL_ID,
		phoneNumber: '+56 9 1234 5678',
		...parameters,
	};
}

describe('Rampwin request', () => {
	it('posts only the E.164 phone number when no other field is set, with the documented headers', async () => {
		const { scope, sent } = interceptUpsert();

		await runNode({ parameters: rampwin() });

		scope.done();
		expect(sent).toHaveLength(1);
		expect(sent[0].uri).toBe(`${UPSERT_PATH}?channel_id=${CHANNEL_ID}`);
		expect(sent[0].body).toStrictEqual({ phone_number: '+56912345678' });
		expect(sent[0].headers.cookie).toBeUndefined();
		expect(sent[0].headers['x-api-key']).toBe(SECRETS.rampwinApi);
	});

	it('sends the core fields, tags as a cleaned list and custom fields as top-level text values', async () => {
		const { scope, sent } = interceptUpsert();

		await runNode({
			parameters: rampwin({
				phoneNumber: '+1 (213) 213-2131',
				additionalFields: {
					firstName: '  Jane ',
					lastName: 'Doe',
					email: ' jane.doe@example.com ',
					tags: ' vip, newsletter,, vip , 2024, ',
				},
				customFields: {
					field: [
						{ key: ' city ', value: 'Santiago' },
						{ key: 'plan_status', value: 'gold' },
						{ key: 'recharge_amount', value: '={{ 250 * 2 }}' },
						{ key: 'opted_in', value: '={{ true }}' },
						{ key: 'remarks', value: '' },
					],
				},
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({
			city: 'Santiago',
			plan_status: 'gold',
			recharge_amount: '500',
			opted_in: 'true',
			remarks: '',
			phone_number: '+12132132131',
			first_name: 'Jane',
			last_name: 'Doe',
			email: 'jane.doe@example.com',
			tags: ['vip', 'newsletter', '2024'],
		});
	});

	it('leaves out optional fields that are blank, including tags that are only commas', async () => {
		const { scope, sent } = interceptUpsert();

		await runNode({
			parameters: rampwin({
				additionalFields: { firstName: '   ', lastName: '', email: '', tags: ' , ,, ' },
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({ phone_number: '+56912345678' });
	});

	it('accepts tags that an expression hands over as a list, cleaned the same way', async () => {
		const { scope, sent } = interceptUpsert();

		await runNode({
			parameters: rampwin({ additionalFields: { tags: '={{ $json.tags }}' } }),
			items: [{ tags: ['vip', ' vip', 'beta ', '', 7] }],
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({
			phone_number: '+56912345678',
			tags: ['vip', 'beta', '7'],
		});
	});

	it.each([
		['a&b#c', 'a&b#c', 'a%26b%23c'],
		['id with spaces', 'id with spaces', 'id%20with%20spaces'],
		['a+b=c', 'a+b=c', 'a%2Bb%3Dc'],
		['canal/ñ?x', 'canal/ñ?x', 'canal%2F%C3%B1%3Fx'],
		[`  ${CHANNEL_ID}  `, CHANNEL_ID, CHANNEL_ID],
	])(
		'encodes the channel id %j as the single channel_id query value',
		async (typed, decoded, encoded) => {
			const { scope, sent } = interceptUpsert({ channelId: decoded });

			await runNode({ parameters: rampwin({ rampwinChannelId: typed }) });

			scope.done();
			expect(sent[0].uri).toBe(`${UPSERT_PATH}?channel_id=${encoded}`);
		},
	);

	it('keeps the path prefix of a base URL and ignores its trailing slash', async () => {
		const { scope, sent } = interceptUpsert({
			origin: 'https://proxy.example.com',
			path: '/vendors/rampwin/api/contacts/insertOrUpdate',
		});

		await runNode({
			parameters: rampwin(),
			credentials: {
				rampwinApi: {
					...testCredentials.rampwinApi,
					baseUrl: 'https://proxy.example.com/vendors/rampwin/',
				},
			},
		});

		scope.done();
		expect(sent[0].uri).toBe(
			`/vendors/rampwin/api/contacts/insertOrUpdate?channel_id=${CHANNEL_ID}`,
		);
	});

	it('resolves expressions per item and returns one output per input, in order and paired', async () => {
		const sent: IDataObject[] = [];
		const scope = nock(ORIGIN)
			.post(UPSERT_PATH)
			.query(true)
			.times(3)
			.reply((_uri, body) => {
				const request = body as IDataObject;
				sent.push(request);
				return [
					200,
					{
						success: true,
						data: { _id: `id-${request.first_name}`, phone_number: request.phone_number },
					},
				];
			});

		const output = await runNode({
			parameters: rampwin({
				rampwinChannelId: '={{ $json.channel }}',
				phoneNumber: '={{ $json.phone }}',
				additionalFields: { firstName: '={{ $json.name }}' },
			}),
			items: [
				{ channel: CHANNEL_ID, phone: '+56 9 1234 5678', name: 'Ana' },
				{ channel: CHANNEL_ID, phone: 12132132131, name: 'Ben' },
				{ channel: CHANNEL_ID, phone: '+44 7911 123456', name: 'Cleo' },
			],
		});

		scope.done();
		expect(sent).toHaveLength(3);
		expect(output).toEqual([
			[
				{
					json: {
						provider: 'rampwin',
						contactId: 'id-Ana',
						name: null,
						email: null,
						phoneNumber: '+56912345678',
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						provider: 'rampwin',
						contactId: 'id-Ben',
						name: null,
						email: null,
						phoneNumber: '+12132132131',
					},
					pairedItem: { item: 1 },
				},
				{
					json: {
						provider: 'rampwin',
						contactId: 'id-Cleo',
						name: null,
						email: null,
						phoneNumber: '+447911123456',
					},
					pairedItem: { item: 2 },
				},
			],
		]);
	});
});

describe('Rampwin output', () => {
	it('returns the normalized contact with null for what the documented response leaves out', async () => {
		const { scope } = interceptUpsert({ response: success });

		const output = await runNode({ parameters: rampwin() });

		scope.done();
		expect(output).toEqual([
			[
				{
					json: {
						provider: 'rampwin',
						contactId: '6650b2f1c3a4d5e6f7a8b9c0',
						name: null,
						email: null,
						phoneNumber: '+56912345678',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('fills name and email from the response when Rampwin returns them', async () => {
		const { scope } = interceptUpsert({ response: successWithProfile });

		const output = await runNode({ parameters: rampwin({ phoneNumber: '+1 213 213 2131' }) });

		scope.done();
		expect(output[0][0].json).toStrictEqual({
			provider: 'rampwin',
			contactId: '6650b2f1c3a4d5e6f7a8b9c1',
			name: 'John Doe',
			email: 'john.doe@example.com',
			phoneNumber: '+12132132131',
		});
	});

	it('keeps every normalized key, as null, when the response has no data at all', async () => {
		const { scope } = interceptUpsert({ response: { success: true } });

		const output = await runNode({ parameters: rampwin() });

		scope.done();
		expect(output[0][0].json).toStrictEqual({
			provider: 'rampwin',
			contactId: null,
			name: null,
			email: null,
			phoneNumber: null,
		});
	});

	it('returns the response body unchanged when Simplify is off', async () => {
		const { scope } = interceptUpsert({ response: successWithProfile });

		const output = await runNode({ parameters: rampwin({ simplify: false }) });

		scope.done();
		expect(output).toEqual([[{ json: successWithProfile, pairedItem: { item: 0 } }]]);
	});
});

describe('Rampwin input validation (nothing is sent)', () => {
	const fixWord = (label: string) =>
		`Fix the "${label}" field (or the data mapped into it) for this item. No request was sent for it.`;

	it.each<[string, INodeParameters, string, string[]]>([
		['a missing channel id', { rampwinChannelId: '' }, 'Channel ID', ['is required']],
		['a blank channel id', { rampwinChannelId: '   ' }, 'Channel ID', ['is required']],
		['a missing phone number', { phoneNumber: '' }, 'Phone Number', ['is required']],
		[
			'a too short phone number',
			{ phoneNumber: '12' },
			'Phone Number',
			['"12"', 'has too few digits for a phone number'],
		],
		[
			'a too long phone number',
			{ phoneNumber: '+56 9 1234 5678 9012' },
			'Phone Number',
			['"+56 9 1234 5678 9012"', 'has too many digits for a +56 number'],
		],
		[
			'a phone number with letters',
			{ phoneNumber: 'call me maybe' },
			'Phone Number',
			['may contain only digits'],
		],
		[
			'an invalid e-mail',
			{ additionalFields: { email: 'jane@' } },
			'Email',
			['"jane@" is not an e-mail address'],
		],
		[
			'tags that are neither text nor a list',
			{ additionalFields: { tags: '={{ { a: 1 } }}' } },
			'Tags',
			['comma-separated text'],
		],
		[
			'a custom field without a key',
			{ customFields: { field: [{ key: '  ', value: 'x' }] } },
			'Custom Fields',
			['row 1 has no key'],
		],
		[
			'a custom field key used twice',
			{
				customFields: {
					field: [
						{ key: 'city', value: 'a' },
						{ key: 'city ', value: 'b' },
					],
				},
			},
			'Custom Fields',
			['"city" appears twice'],
		],
		...['phone_number', 'first_name', 'last_name', 'email', 'tags', ' email '].map(
			(key): [string, INodeParameters, string, string[]] => [
				`a custom field named like the core key ${JSON.stringify(key)}`,
				{ customFields: { field: [{ key, value: 'x' }] } },
				'Custom Fields',
				[`"${key.trim()}" is set by the node's own field`],
			],
		),
	])('rejects %s, naming the field and the item', async (_case, parameters, label, fragments) => {
		const error = await runExpectingError({ parameters: rampwin(parameters) });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(`"${label}" of item 0`);
		for (const fragment of fragments) expect(error.message).toContain(fragment);
		expect((error as NodeOperationError).description).toBe(fixWord(label));
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(unmatched).toEqual([]);
	});

	it('names the failing item when an earlier item is fine', async () => {
		const { scope } = interceptUpsert();

		const error = await runExpectingError({
			parameters: rampwin({ phoneNumber: '={{ $json.phone }}' }),
			items: [{ phone: '+56912345678' }, { phone: 'not a phone' }],
		});

		scope.done();
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Phone Number" of item 1: "not a phone"');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(unmatched).toEqual([]);
	});

	it('turns an invalid item into an error item in place under "continue (regular output)"', async () => {
		const { scope, sent } = interceptUpsert({ times: 2 });

		const output = await runNode({
			parameters: rampwin({ phoneNumber: '={{ $json.phone }}' }),
			items: [{ phone: '+56912345678' }, { phone: '12' }, { phone: '+56987654321' }],
			onError: 'continueRegularOutput',
		});

		expect(sent.map((request) => request.body)).toEqual(
			expect.arrayContaining([{ phone_number: '+56912345678' }, { phone_number: '+56987654321' }]),
		);
		expect(sent).toHaveLength(2);
		expect(scope.isDone()).toBe(true);
		expect(output[0]).toHaveLength(3);
		expect(output[0][1]).toStrictEqual({
			json: {
				error: expect.stringContaining(
					'"Phone Number" of item 1: "12" has too few digits for a phone number',
				),
				message: fixWord('Phone Number'),
			},
			pairedItem: { item: 1 },
		});
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(output[0][2].pairedItem).toEqual({ item: 2 });
		expect(unmatched).toEqual([]);
	});

	it('refuses a credential base URL that is not an http(s) URL', async () => {
		const error = await runExpectingError({
			parameters: rampwin(),
			credentials: { rampwinApi: { ...testCredentials.rampwinApi, baseUrl: 'api.rampwin.com' } },
		});

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("The Rampwin credential's Base URL is not an http(s) URL");
		expect(unmatched).toEqual([]);
	});
});

describe('Rampwin error responses', () => {
	it.each<[string, number, unknown, string, string | undefined]>([
		['a documented validation error', 400, validationError, 'Validation error', undefined],
		['an unknown channel', 400, invalidChannel, 'Invalid channel', 'Check the Channel ID'],
		[
			'an unknown channel answered with 404',
			404,
			invalidChannel,
			'Invalid channel',
			'Check the Channel ID',
		],
		[
			'a bad API key',
			401,
			unauthorized,
			'Unauthorized',
			'Check the API key in the Rampwin credential.',
		],
		['a bad API key in plain text', 401, 'Unauthorized', 'Unauthorized', 'Check the API key'],
		[
			'field errors without a message',
			400,
			fieldErrors,
			'phone_number: phone_number must be a valid phone number; email: email must be an email',
			undefined,
		],
		['an empty error body', 403, '', 'HTTP 403', undefined],
	])(
		'reports %s as a NodeApiError with the vendor message and status, sent once',
		async (_case, status, body, vendorMessage, hint) => {
			const { sent } = interceptUpsert({ status, response: body, times: 5 });

			const error = await runExpectingError({ parameters: rampwin() });

			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(`Rampwin answered ${status}: ${vendorMessage}`);
			expect((error as NodeApiError).httpCode).toBe(String(status));
			expect((error as NodeApiError).context.itemIndex).toBe(0);
			// Every refusal says what to do next, beyond the vendor's own words.
			expect((error as NodeApiError).description?.trim()).toBeTruthy();
			if (hint) expect((error as NodeApiError).description).toContain(hint);
			expect(unmatched).toEqual([]);
		},
	);

	it.each(
		[200, 201].flatMap((status) =>
			(
				[
					[{ message: 'Invalid channel' }, 'Invalid channel', 'Check the Channel ID'],
					[{ message: 'Unauthorized' }, 'Unauthorized', 'Check the API key'],
					[{ message: 'unauthorised request' }, 'unauthorised request', 'Check the API key'],
					[
						{ success: true, message: 'Invalid channel' },
						'Invalid channel',
						'Check the Channel ID',
					],
					[{ success: 'false', message: 'nope' }, 'nope', undefined],
					[{ success: false }, '{"success":false}', undefined],
					[{ error: 'Invalid token', statusCode: 401 }, 'Invalid token', undefined],
					['', 'an empty answer, without the contact', undefined],
				] as Array<[unknown, string, string | undefined]>
			).map(([body, vendorMessage, hint]) => ({ status, body, vendorMessage, hint })),
		),
	)(
		'a $status answering $body fails the item with the vendor message, sent once',
		async ({ status, body, vendorMessage, hint }) => {
			const { sent } = interceptUpsert({ status, response: body as IDataObject, times: 5 });

			const error = await runExpectingError({ parameters: rampwin() });

			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(`Rampwin answered ${status}: ${vendorMessage}`);
			if (hint) expect((error as NodeApiError).description).toContain(hint);
			expect(unmatched).toEqual([]);
		},
	);

	it.each([
		{ success: true, message: 'Contact inserted or updated successfully', data: { _id: 'c1' } },
		{ success: true, data: { _id: 'c1', message: 'Unauthorized' } },
		{ data: { _id: 'c1' } },
		{ success: true, error: null, data: { _id: 'c1' } },
	])('a 200 answering %j is a saved contact', async (body) => {
		interceptUpsert({ response: body });

		const output = await runNode({ parameters: rampwin() });

		expect(output[0][0].json.contactId).toBe('c1');
	});

	it('returns a vendor refusal as an error item under "continue (regular output)"', async () => {
		const { scope } = interceptUpsert({ status: 401, response: unauthorized });

		const output = await runNode({ parameters: rampwin(), onError: 'continueRegularOutput' });

		scope.done();
		expect(output).toEqual([
			[
				{
					json: {
						error: 'Rampwin answered 401: Unauthorized',
						message: 'Check the API key in the Rampwin credential.',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('sends a 503 once when Max Retries is 0', async () => {
		const { sent } = interceptUpsert({
			status: 503,
			response: { success: false, message: 'Service Unavailable' },
			times: 5,
		});

		const error = await runExpectingError({ parameters: rampwin({ options: { maxRetries: 0 } }) });

		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Rampwin answered 503: Service Unavailable');
	});

	it('retries a 503 and returns the contact of the next answer', async () => {
		const failed = interceptUpsert({ status: 503, response: { success: false, message: 'busy' } });
		const succeeded = interceptUpsert({ response: success });

		const output = await runNode({ parameters: rampwin({ options: { maxRetries: 1 } }) });

		failed.scope.done();
		succeeded.scope.done();
		expect(succeeded.sent[0].body).toStrictEqual(failed.sent[0].body);
		expect(output[0][0].json.contactId).toBe('6650b2f1c3a4d5e6f7a8b9c0');
	});
});
