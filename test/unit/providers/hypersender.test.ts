import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { SECRETS, testCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import {
	interceptRequests,
	guardUnmatchedRequests,
	repeatedReply,
	runExpectingError,
	type ReplyOptions,
} from '../helpers/vendorHttp';
import instanceNotFound from '../fixtures/hypersender/instance-not-found.json';
import queued from '../fixtures/hypersender/queued.json';
import success from '../fixtures/hypersender/success.json';
import unauthenticated from '../fixtures/hypersender/unauthenticated.json';
import validationError from '../fixtures/hypersender/validation-error.json';

const ORIGIN = 'https://app.hypersender.com';
const INSTANCE_ID = String(testCredentials.hypersenderApi.instanceId);
const UPSERT_PATH = `/api/whatsapp/v2/${INSTANCE_ID}/contacts/upsert`;

type InterceptOptions = ReplyOptions;

/**
 * One Hypersender upsert as documented: POST to the instance's contacts/upsert path with no query,
 * the token as a Bearer, JSON in and out. Records what was sent so the body can be compared
 * exactly.
 */
function interceptUpsert(options: InterceptOptions = {}) {
	return interceptRequests(
		{
			origin: options.origin ?? ORIGIN,
			path: options.path ?? UPSERT_PATH,
			reqheaders: {
				authorization: `Bearer ${SECRETS.hypersenderApi}`,
				accept: 'application/json',
				'content-type': 'application/json',
			},
			badheaders: ['cookie', 'x-api-key'],
		},
		repeatedReply(options, success),
	);
}

const unmatched = guardUnmatchedRequests();

function hypersender(parameters: INodeParameters = {}): INodeParameters {
	return {
		provider: 'hypersender',
		chatId: '+1 (213) 213-2131',
		firstName: 'John',
		...parameters,
	};
}

function withInstance(instanceId: string, baseUrl?: string) {
	return {
		hypersenderApi: {
			...testCredentials.hypersenderApi,
			instanceId,
			...(baseUrl === undefined ? {} : { baseUrl }),
		},
	};
}

describe('Hypersender request', () => {
	it('posts chat_id and first_name to the instance path with a Bearer token and JSON headers', async () => {
		const { scope, sent } = interceptUpsert();

		await runNode({ parameters: hypersender() });

		scope.done();
		expect(sent).toHaveLength(1);
		expect(sent[0].uri).toBe(UPSERT_PATH);
		expect(sent[0].body).toStrictEqual({ chat_id: '12132132131', first_name: 'John' });
		expect(sent[0].headers.authorization).toBe(`Bearer ${SECRETS.hypersenderApi}`);
		expect(sent[0].headers.accept).toBe('application/json');
	});

	it('sends last_name only when it is set', async () => {
		const withLastName = interceptUpsert();
		await runNode({
			parameters: hypersender({ firstName: ' Jane ', additionalFields: { lastName: ' Doe ' } }),
		});
		withLastName.scope.done();
		expect(withLastName.sent[0].body).toStrictEqual({
			chat_id: '12132132131',
			first_name: 'Jane',
			last_name: 'Doe',
		});

		const blankLastName = interceptUpsert();
		await runNode({ parameters: hypersender({ additionalFields: { lastName: '   ' } }) });
		blankLastName.scope.done();
		expect(blankLastName.sent[0].body).toStrictEqual({
			chat_id: '12132132131',
			first_name: 'John',
		});
	});

	it.each<[string, string | number, string | undefined, string]>([
		[
			'an international number with brackets and dashes',
			'+1 (213) 213-2131',
			undefined,
			'12132132131',
		],
		['an international number with spaces', '+56 9 1234 5678', undefined, '56912345678'],
		['an international number with dots', '+56.9.1234.5678', undefined, '56912345678'],
		['a 00-prefixed number', '0056 9 1234 5678', undefined, '56912345678'],
		['bare international digits', '12132132130', undefined, '12132132130'],
		['a number from an expression as a JS number', 56912345678, undefined, '56912345678'],
		['a national number with a default country', '(9) 1234-5678', 'CL', '56912345678'],
		['a national US number with a default country', '213-213-2131', 'US', '12132132131'],
		['a national UK number with a default country', '07911 123456', 'GB', '447911123456'],
		['an @c.us id', '12132132131@c.us', undefined, '12132132131'],
		['an @lid id', '123456789012345@lid', undefined, '123456789012345@lid'],
		['an @c.us id with surrounding spaces', '  12132132131@c.us  ', undefined, '12132132131'],
	])(
		'sends %s (%j) as the chat_id Hypersender expects',
		async (_case, chatId, defaultCountry, expected) => {
			const { scope, sent } = interceptUpsert();

			await runNode({
				parameters: hypersender({
					chatId: '={{ $json.chatId }}',
					options: defaultCountry ? { defaultCountry } : {},
				}),
				items: [{ chatId }],
			});

			scope.done();
			expect(sent[0].body).toStrictEqual({ chat_id: expected, first_name: 'John' });
		},
	);

	it('trims spaces around the instance id from the credential', async () => {
		const { scope, sent } = interceptUpsert({
			path: `/api/whatsapp/v2/${INSTANCE_ID}/contacts/upsert`,
		});

		await runNode({ parameters: hypersender(), credentials: withInstance(`  ${INSTANCE_ID}  `) });

		scope.done();
		expect(sent[0].uri).toBe(`/api/whatsapp/v2/${INSTANCE_ID}/contacts/upsert`);
	});

	it.each(['..', '.', '../x', 'a/b?c', 'a#b', 'x/../../v1', '%2E%2E'])(
		'refuses the crafted instance id %j before anything is sent',
		async (instanceId) => {
			// URL parsing resolves "..", "." and their %2E spellings alike, so no encoding can
			// keep such a segment in place: the safe outcome is to refuse before sending.
			const error = await runExpectingError({
				parameters: hypersender({ options: { maxRetries: 0 } }),
				credentials: withInstance(instanceId),
			});

			expect(unmatched).toEqual([]);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				`The Hypersender credential's Instance ID ${JSON.stringify(instanceId)} is not an instance ID (letters, digits, - and _ only)`,
			);
		},
	);

	it('keeps the path prefix of a base URL and ignores its trailing slash', async () => {
		const { scope, sent } = interceptUpsert({
			origin: 'https://proxy.example.com',
			path: `/vendors/hypersender/api/whatsapp/v2/${INSTANCE_ID}/contacts/upsert`,
		});

		await runNode({
			parameters: hypersender(),
			credentials: withInstance(INSTANCE_ID, 'https://proxy.example.com/vendors/hypersender//'),
		});

		scope.done();
		expect(sent[0].uri).toBe(`/vendors/hypersender/api/whatsapp/v2/${INSTANCE_ID}/contacts/upsert`);
	});
});

describe('Hypersender output', () => {
	it('returns the chat_id sent as contactId and null for what Hypersender does not return', async () => {
		const { scope } = interceptUpsert({ response: success });

		const output = await runNode({ parameters: hypersender() });

		scope.done();
		expect(output).toEqual([
			[
				{
					json: {
						provider: 'hypersender',
						contactId: '12132132131',
						name: null,
						email: null,
						phoneNumber: null,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('returns an @lid chat id as the contactId as given', async () => {
		const { scope } = interceptUpsert();

		const output = await runNode({ parameters: hypersender({ chatId: '987654321098765@lid' }) });

		scope.done();
		expect(output[0][0].json.contactId).toBe('987654321098765@lid');
	});

	it('says a queued v2 request is only queued, with its id and link', async () => {
		const { scope } = interceptUpsert({ response: queued });

		const output = await runNode({ parameters: hypersender() });

		scope.done();
		expect(output[0][0].json).toStrictEqual({
			provider: 'hypersender',
			contactId: '12132132131',
			name: null,
			email: null,
			phoneNumber: null,
			queued: true,
			queuedRequestId: queued.queued_request_uuid,
			queuedRequestLink: queued.queued_request_link,
		});
	});

	it.each([
		['the documented answer', success],
		['a queued answer', queued],
	])('returns %s unchanged when Simplify is off', async (_case, response) => {
		const { scope } = interceptUpsert({ response });

		const output = await runNode({ parameters: hypersender({ simplify: false }) });

		scope.done();
		expect(output).toEqual([[{ json: response, pairedItem: { item: 0 } }]]);
	});

	it('resolves expressions per item and pairs every output with its input', async () => {
		const { scope, sent } = interceptUpsert({ times: 2 });

		const output = await runNode({
			parameters: hypersender({ chatId: '={{ $json.phone }}', firstName: '={{ $json.name }}' }),
			items: [
				{ phone: '+56 9 1234 5678', name: 'Ana' },
				{ phone: '12132132131@c.us', name: 'Ben' },
			],
		});

		scope.done();
		expect(sent.map((request) => request.body)).toEqual(
			expect.arrayContaining([
				{ chat_id: '56912345678', first_name: 'Ana' },
				{ chat_id: '12132132131', first_name: 'Ben' },
			]),
		);
		expect(output[0].map((item) => [item.json.contactId, item.pairedItem])).toEqual([
			['56912345678', { item: 0 }],
			['12132132131', { item: 1 }],
		]);
	});
});

describe('Hypersender input validation (nothing is sent)', () => {
	const fixWord = (label: string) =>
		`Fix the "${label}" field (or the data mapped into it) for this item. No request was sent for it.`;

	it.each<[string, INodeParameters, string, string[]]>([
		['a missing chat id', { chatId: '' }, 'Chat ID', ['is required']],
		['a blank chat id', { chatId: '   ' }, 'Chat ID', ['is required']],
		[
			'a group id (@g.us)',
			{ chatId: '120363025246125888@g.us' },
			'Chat ID',
			['"120363025246125888@g.us"', 'a WhatsApp ID ending @c.us (12132132130@c.us) or @lid'],
		],
		[
			'an e-mail address',
			{ chatId: 'jane@example.com' },
			'Chat ID',
			['"jane@example.com"', 'a WhatsApp ID ending @c.us (12132132130@c.us) or @lid'],
		],
		['a @c.us id that is not digits', { chatId: 'john@c.us' }, 'Chat ID', ['"john@c.us"']],
		[
			'a too short number',
			{ chatId: '123' },
			'Chat ID',
			['"123"', 'has too few digits for a +1 number'],
		],
		[
			'a too long number',
			{ chatId: '+56 9 1234 5678 9012' },
			'Chat ID',
			['"+56 9 1234 5678 9012"', 'has too many digits for a +56 number'],
		],
		['a number with letters', { chatId: '+56 9 CALL ME' }, 'Chat ID', ['may contain only digits']],
		[
			'a national number without a default country',
			{ chatId: '9 1234 5678' },
			'Chat ID',
			['"9 1234 5678"', 'Default Country'],
		],
		['a missing first name', { firstName: '' }, 'First Name', ['is required']],
		['a blank first name', { firstName: '  ' }, 'First Name', ['is required']],
	])('rejects %s, naming the field and the item', async (_case, parameters, label, fragments) => {
		const error = await runExpectingError({ parameters: hypersender(parameters) });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(`"${label}" of item 0`);
		for (const fragment of fragments) expect(error.message).toContain(fragment);
		expect((error as NodeOperationError).description).toBe(fixWord(label));
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(unmatched).toEqual([]);
	});

	it('turns each invalid item into an error item in place under "continue (regular output)"', async () => {
		const { scope, sent } = interceptUpsert();

		const output = await runNode({
			parameters: hypersender({ chatId: '={{ $json.chatId }}', firstName: '={{ $json.name }}' }),
			items: [
				{ chatId: '120363025246125888@g.us', name: 'Group' },
				{ chatId: '+56 9 1234 5678', name: 'Ana' },
				{ chatId: '+56 9 8765 4321', name: '' },
			],
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toStrictEqual({ chat_id: '56912345678', first_name: 'Ana' });
		expect(output).toEqual([
			[
				{
					json: {
						error: expect.stringContaining('"Chat ID" of item 0: "120363025246125888@g.us"'),
						message: fixWord('Chat ID'),
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						provider: 'hypersender',
						contactId: '56912345678',
						name: null,
						email: null,
						phoneNumber: null,
					},
					pairedItem: { item: 1 },
				},
				{
					json: {
						error: expect.stringContaining('"First Name" of item 2 is required'),
						message: fixWord('First Name'),
					},
					pairedItem: { item: 2 },
				},
			],
		]);
		expect(unmatched).toEqual([]);
	});

	it('refuses a credential without an instance id', async () => {
		const error = await runExpectingError({
			parameters: hypersender(),
			credentials: withInstance('   '),
		});

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The Hypersender credential has no Instance ID');
		expect(unmatched).toEqual([]);
	});
});

describe('Hypersender error responses', () => {
	const htmlPage =
		'<!DOCTYPE html><html><head><title>Server Error</title></head><body><h1>500 | Server Error</h1></body></html>';

	it.each<[string, number, unknown, Record<string, string>, string, string | undefined]>([
		['a bad token', 401, unauthenticated, {}, 'Unauthenticated.', 'Check the API token'],
		[
			'an unknown instance',
			404,
			instanceNotFound,
			{},
			'Instance not found',
			'Check the Instance ID',
		],
		[
			'a Laravel validation error',
			422,
			validationError,
			{},
			'The chat id field format is invalid.',
			'chat_id: The chat id field format is invalid.',
		],
		[
			'a server error with an HTML page',
			500,
			htmlPage,
			{ 'content-type': 'text/html; charset=UTF-8' },
			'Server Error',
			undefined,
		],
	])(
		'reports %s as a NodeApiError with the vendor message and status, sent once',
		async (_case, status, body, headers, vendorMessage, detail) => {
			const { sent } = interceptUpsert({
				status,
				response: body,
				responseHeaders: headers,
				times: 5,
			});

			const error = await runExpectingError({ parameters: hypersender() });

			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(`Hypersender answered ${status}: ${vendorMessage}`);
			expect((error as NodeApiError).httpCode).toBe(String(status));
			expect((error as NodeApiError).context.itemIndex).toBe(0);
			// Every refusal says what to do next, beyond the vendor's own words.
			expect((error as NodeApiError).description?.trim()).toBeTruthy();
			if (detail) expect((error as NodeApiError).description).toContain(detail);
			expect(error.message).not.toContain('<');
			expect(unmatched).toEqual([]);
		},
	);

	it('reports a 200 whose body is an HTML page instead of claiming success', async () => {
		const { scope } = interceptUpsert({
			response: '<html><head><title>Proxy login</title></head><body>Sign in</body></html>',
			responseHeaders: { 'content-type': 'text/html' },
		});

		const error = await runExpectingError({ parameters: hypersender() });

		scope.done();
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Hypersender answered 200 but its response is not JSON: Proxy login',
		);
	});

	it('returns a vendor refusal as an error item under "continue (regular output)"', async () => {
		const { scope } = interceptUpsert({ status: 404, response: instanceNotFound });

		const output = await runNode({ parameters: hypersender(), onError: 'continueRegularOutput' });

		scope.done();
		expect(output).toEqual([
			[
				{
					json: {
						error: 'Hypersender answered 404: Instance not found',
						message: 'Check the Instance ID in the Hypersender credential.',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('sends a 429 once when Max Wait for Rate Limits is 0', async () => {
		const { sent } = interceptUpsert({
			status: 429,
			response: { message: 'Too Many Attempts.' },
			times: 5,
		});

		const error = await runExpectingError({
			parameters: hypersender({ options: { maxRateLimitWait: 0 } }),
		});

		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		// No Retry-After: the account pauses for the default 1.5–2.5 s.
		expect(error.message).toMatch(
			/^Hypersender is rate limiting: Too Many Attempts\. \(requests to this account are paused for [23] s, longer than what is left of Options → Max Wait for Rate Limits \(0 s\)\)$/,
		);
	});

	it('retries a 503 with the same body and returns the result of the next answer', async () => {
		const failed = interceptUpsert({ status: 503, response: { message: 'Service Unavailable' } });
		const succeeded = interceptUpsert({ response: success });

		const output = await runNode({ parameters: hypersender({ options: { maxRetries: 1 } }) });

		failed.scope.done();
		succeeded.scope.done();
		expect(succeeded.sent[0].body).toStrictEqual(failed.sent[0].body);
		expect(output[0][0].json.contactId).toBe('12132132131');
	});
});
