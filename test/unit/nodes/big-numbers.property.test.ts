import fc from 'fast-check';
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import chatbotxContact from '../fixtures/chatbotx/contact.json';
import rampwinSuccess from '../fixtures/rampwin/success.json';
import vambeContact from '../fixtures/vambe/contact-whatsapp.json';
import { runNode } from '../helpers/runNode';
import { guardUnmatchedRequests } from '../helpers/vendorHttp';

/** Each property runs the node several times over; a loaded CI machine needs more than 5 s. */
const PROPERTY_TIMEOUT_MS = 60_000;

/**
 * A number mapped from an expression that JavaScript has already rounded (beyond
 * 9007199254740991) must never be sent: 11590944070189057 arrives as 11590944070189056, another
 * contact's ID. Runs through n8n-core's real ExecuteContext; nock proves nothing leaves.
 */

const VALUE = '={{ $json.value }}';

/** Every field that receives a number from the item, with its label in error messages. */
const FIELDS: Array<[string, INodeParameters]> = [
	['Identifier', { provider: 'chatbotx', identifier: VALUE }],
	[
		'Phone Number',
		{
			provider: 'chatbotx',
			identifier: 'jane@example.com',
			additionalFields: { phoneNumber: VALUE },
		},
	],
	[
		'Contact Phone Number',
		{
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: '+56 9 5123 4567',
			phoneNumber: VALUE,
		},
	],
	[
		'Channel Phone Number or ID',
		{
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: VALUE,
			phoneNumber: '+56 9 6123 4567',
		},
	],
	[
		'External User ID',
		{
			provider: 'vambe',
			vambeChannel: 'webchat',
			webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
			externalUserId: VALUE,
		},
	],
	[
		'Webchat Channel ID',
		{
			provider: 'vambe',
			vambeChannel: 'webchat',
			webchatChannelId: VALUE,
			externalUserId: 'user-4821',
		},
	],
	['Channel ID', { provider: 'rampwin', rampwinChannelId: VALUE, phoneNumber: '+56 9 6123 4567' }],
	['Phone Number', { provider: 'rampwin', rampwinChannelId: 'c-1', phoneNumber: VALUE }],
	[
		'First Name',
		{
			provider: 'rampwin',
			rampwinChannelId: 'c-1',
			phoneNumber: '+56 9 6123 4567',
			additionalFields: { firstName: VALUE },
		},
	],
	[
		'Custom Fields',
		{
			provider: 'rampwin',
			rampwinChannelId: 'c-1',
			phoneNumber: '+56 9 6123 4567',
			customFields: { field: [{ key: 'score', value: VALUE }] },
		},
	],
	['Chat ID', { provider: 'hypersender', chatId: VALUE, firstName: 'Jane' }],
];

const unmatched = guardUnmatchedRequests();

/** Numbers JavaScript cannot hold exactly as whole numbers, positive and negative. */
const unsafe = fc.oneof(
	fc.double({ min: 2 ** 53, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
	fc.double({ min: -Number.MAX_VALUE, max: -(2 ** 53), noNaN: true, noDefaultInfinity: true }),
);

describe('numbers beyond 9007199254740991 are refused, never sent', () => {
	it('refuses the ChatbotX ID from the issue with the reason and what to do', async () => {
		const run = runNode({
			parameters: { provider: 'chatbotx', identifier: VALUE },
			// As JSON.parse reads the ID from a source that sends it as a number.
			items: [{ value: Number('11590944070189057') }],
		});
		await expect(run).rejects.toThrow(
			'"Identifier" of item 0 is the number 11590944070189056. JavaScript holds whole numbers exactly only up to 9007199254740991, so the value was rounded before it reached this node. Make the source send it as text (a quoted string in JSON), then map that text.',
		);
		expect(unmatched).toEqual([]);
	});

	it.each(FIELDS)(
		'%s refuses every such number',
		async (label, parameters) => {
			await fc.assert(
				fc.asyncProperty(fc.array(unsafe, { minLength: 8, maxLength: 8 }), async (values) => {
					const [output] = await runNode({
						parameters,
						items: values.map((value) => ({ value })),
						onError: 'continueRegularOutput',
					});
					expect(output.map((item) => item.json.error)).toEqual(
						values.map((value, index) =>
							expect.stringMatching(
								new RegExp(
									`^"${label}" of item ${index}(: the value of "score")? is the number ${String(value).replace(/[+.]/g, '\\$&')}\\. JavaScript holds whole numbers exactly only up to 9007199254740991`,
								),
							),
						),
					);
					expect(unmatched).toEqual([]);
				}),
				{ numRuns: 4 },
			);
		},
		PROPERTY_TIMEOUT_MS,
	);
});

describe('safe numbers are sent as their exact digits', () => {
	function intercept(origin: string, response: object, count: number) {
		const sent: Array<{ path: string; body: IDataObject }> = [];
		const scope = nock(origin)
			.post(/.*/)
			.query(true)
			.times(count)
			.reply((uri, body) => {
				sent.push({ path: uri, body: body as IDataObject });
				return [200, response];
			});
		return { scope, sent };
	}

	it(
		'sends a ChatbotX ID of 16 digits as id:<the digits>',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(fc.integer({ min: 1e15, max: Number.MAX_SAFE_INTEGER }), {
						minLength: 5,
						maxLength: 5,
					}),
					async (values) => {
						const { scope, sent } = intercept(
							'https://app.chatbotx.io',
							chatbotxContact,
							values.length,
						);
						await runNode({
							parameters: { provider: 'chatbotx', identifier: VALUE, options: { concurrency: 1 } },
							items: values.map((value) => ({ value })),
						});
						scope.done();
						// Sorted: a contact whose earlier item is still in flight lets another go first.
						expect(sent.map((request) => request.path).sort()).toEqual(
							values.map((value) => `/api/v1/contacts/id%3A${value}/upsert`).sort(),
						);
					},
				),
				{ numRuns: 4 },
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it(
		'sends a Vambe external user ID as the integer’s digits',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(fc.maxSafeInteger(), { minLength: 5, maxLength: 5 }),
					async (values) => {
						const { scope, sent } = intercept('https://api.vambe.me', vambeContact, values.length);
						await runNode({
							parameters: { ...FIELDS[4][1], options: { concurrency: 1 } },
							items: values.map((value) => ({ value })),
						});
						scope.done();
						// Sorted: a contact whose earlier item is still in flight lets another go first.
						expect(sent.map((request) => request.body.external_user_id).sort()).toEqual(
							values.map(String).sort(),
						);
					},
				),
				{ numRuns: 4 },
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it('sends a plain decimal in a name or custom field, and refuses it as an ID', async () => {
		const { scope, sent } = intercept('https://api.rampwin.com', rampwinSuccess, 2);
		const items = [{ value: 12.5 }];
		await runNode({ parameters: FIELDS[8][1], items });
		await runNode({ parameters: FIELDS[9][1], items });
		scope.done();
		expect(sent.map((request) => [request.body.first_name, request.body.score])).toEqual([
			['12.5', undefined],
			[undefined, '12.5'],
		]);

		await expect(runNode({ parameters: FIELDS[6][1], items })).rejects.toThrow(
			'"Channel ID" of item 0 is the number 12.5, but an ID or phone number must be whole. Map the value as text.',
		);
		expect(unmatched).toEqual([]);
	});
});

describe('vendor IDs beyond 9007199254740991 are read exactly, never rounded', () => {
	/** Hypersender with Simplify off: the output carries the vendor's answer as it was read. */
	const HYPERSENDER_RAW: INodeParameters = {
		provider: 'hypersender',
		chatId: '+56 9 6123 4567',
		firstName: 'Jane',
		simplify: false,
	};

	/** Integers JSON.parse would round: past 2^53, up to 30 digits, and the edge itself. */
	const bigId = fc.oneof(
		fc.constant(BigInt(Number.MAX_SAFE_INTEGER) + BigInt(2)),
		fc.bigInt({
			min: BigInt(Number.MAX_SAFE_INTEGER) + BigInt(2),
			max: BigInt('1000000000000000000000000000000'),
		}),
	);

	/** Answers with JSON text holding `id` as a bare number, as the vendor wrote it. */
	function raw(json: string): [number, string, Record<string, string>] {
		return [200, json, { 'Content-Type': 'application/json' }];
	}

	/**
	 * Each vendor, each place its answer carries an ID: the upsert's answer (output and the
	 * follow-ups' URL) and a queued request's stored answer. `answer` writes the vendor's JSON with
	 * the ID as a bare number; `check` reads what the node did with it.
	 */
	const CASES: Array<{
		name: string;
		origin: string;
		parameters: INodeParameters;
		answer: (id: string) => Array<{ method: 'post' | 'patch' | 'get'; path: RegExp; json: string }>;
		check: (id: string, output: IDataObject, paths: string[]) => void;
	}> = [
		{
			name: 'ChatbotX upsert answer, its tags and custom fields',
			origin: 'https://app.chatbotx.io',
			parameters: {
				provider: 'chatbotx',
				identifier: 'jane@example.com',
				chatbotxTags: ['11590000000000201'],
				chatbotxCustomFields: { field: [{ customFieldId: '11590000000000301', value: 'Gold' }] },
			},
			answer: (id) => [
				{ method: 'post', path: /\/upsert$/, json: `{"id":${id},"email":"jane@example.com"}` },
				{ method: 'patch', path: /custom-fields$/, json: `{"id":${id}}` },
				{ method: 'post', path: /tags$/, json: `{"id":${id}}` },
			],
			check: (id, output, paths) => {
				expect(output.contactId).toBe(id);
				expect(paths.slice(1)).toEqual([
					`/api/v1/contacts/id%3A${id}/custom-fields`,
					`/api/v1/contacts/id%3A${id}/tags`,
				]);
			},
		},
		{
			name: 'Vambe upsert answer and its tags',
			origin: 'https://api.vambe.me',
			parameters: {
				provider: 'vambe',
				vambeChannel: 'whatsapp',
				channelPhoneNumber: '+56911112222',
				phoneNumber: '+56912345678',
				vambeTags: [11],
			},
			answer: (id) => [
				{
					method: 'post',
					path: /upsert/,
					json: `{"id":${id},"name":"Jane","phone":"+56912345678"}`,
				},
				{ method: 'patch', path: /tags/, json: `{"status":"success","count":${id}}` },
			],
			check: (id, output, paths) => {
				expect(output.contactId).toBe(id);
				expect(paths[1]).toBe(`/api/public/contact/tags/${id}`);
			},
		},
		{
			name: 'Rampwin upsert answer',
			origin: 'https://api.rampwin.com',
			parameters: { provider: 'rampwin', rampwinChannelId: 'c-1', phoneNumber: '+56 9 6123 4567' },
			answer: (id) => [
				{ method: 'post', path: /.*/, json: `{"success":true,"data":{"_id":${id}}}` },
			],
			check: (id, output) => expect(output.contactId).toBe(id),
		},
		{
			name: 'Hypersender answer, Simplify off',
			origin: 'https://app.hypersender.com',
			parameters: HYPERSENDER_RAW,
			answer: (id) => [
				{ method: 'post', path: /.*/, json: `{"message":"ok","data":{"success":true,"id":${id}}}` },
			],
			check: (id, output) => expect((output.data as IDataObject).id).toBe(id),
		},
		{
			name: 'Hypersender queued request, its stored answer read as JSON text',
			origin: 'https://app.hypersender.com',
			parameters: { ...HYPERSENDER_RAW, options: { waitForQueuedRequest: true } },
			answer: (id) => [
				{
					method: 'post',
					path: /.*/,
					json: '{"queued":true,"queued_request_uuid":"3c8f1e52-7b2d-4a9e-8f10-6d2c5b4a3e21"}',
				},
				{
					method: 'get',
					path: /queued-requests/,
					json: JSON.stringify({
						response_status: 200,
						response_body: `{"data":{"success":true,"id":${id}}}`,
					}),
				},
			],
			check: (id, output) => expect((output.data as IDataObject).id).toBe(id),
		},
	];

	it.each(CASES)(
		'$name',
		async ({ origin, parameters, answer, check }) => {
			await fc.assert(
				fc.asyncProperty(bigId, async (big) => {
					const id = big.toString();
					const paths: string[] = [];
					const scope = nock(origin);
					for (const { method, path, json } of answer(id)) {
						scope[method](path)
							.query(true)
							.reply((uri) => {
								paths.push(uri);
								return raw(json);
							});
					}
					const [[item]] = await runNode({ parameters });
					scope.done();
					check(id, item.json, paths);
				}),
				{ numRuns: 5 },
			);
			expect(unmatched).toEqual([]);
		},
		PROPERTY_TIMEOUT_MS,
	);
});
