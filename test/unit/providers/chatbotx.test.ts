import fc from 'fast-check';
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
	type SentRequest,
} from '../helpers/vendorHttp';
import partialContact from '../fixtures/chatbotx/contact-partial.json';
import contact from '../fixtures/chatbotx/contact.json';
import invalidToken from '../fixtures/chatbotx/error-401-invalid-token.json';
import unauthorized from '../fixtures/chatbotx/error-401-unauthorized.json';
import forbidden from '../fixtures/chatbotx/error-403-forbidden.json';
import trialExpired from '../fixtures/chatbotx/error-403-trial-expired.json';
import contactNotFound from '../fixtures/chatbotx/error-404-contact-not-found.json';
import inboxNotFound from '../fixtures/chatbotx/error-404-inbox-not-found.json';
import invalidIdentifier from '../fixtures/chatbotx/error-404-invalid-identifier.json';
import invalidRequestData from '../fixtures/chatbotx/error-422-invalid-request-data.json';
import phoneExists from '../fixtures/chatbotx/error-422-phone-exists.json';
import quotaExceeded from '../fixtures/chatbotx/error-422-quota-exceeded.json';
import tooManyRequests from '../fixtures/chatbotx/error-429-too-many-requests.json';
import serverError from '../fixtures/chatbotx/error-500.json';
import unavailable from '../fixtures/chatbotx/error-503.json';

const ORIGIN = 'https://app.chatbotx.io';
const JANE_EMAIL_PATH = '/api/v1/contacts/email%3Ajane%40example.com/upsert';
const JANE_PHONE_PATH = '/api/v1/contacts/phone%3A%2B56961234567/upsert';
const BEARER = `Bearer ${SECRETS.chatbotxApi}`;
/** Any upsert path, so a wrong identifier shows up as a readable difference in the path. */
const ANY_UPSERT_PATH = /^\/api\/v1\/contacts\/[^/]+\/upsert$/;

/**
 * Answers ChatbotX upserts on one path in order, one reply per request, and records each
 * request. The Bearer token and the JSON content type must be present for a request to match.
 */
function interceptUpsert(path: string | RegExp, replies: Reply[], origin = ORIGIN) {
	return interceptRequests(
		{
			origin,
			path,
			reqheaders: { authorization: BEARER, 'content-type': 'application/json' },
			badheaders: ['x-api-key'],
		},
		replies,
	);
}

function answerWith(body: unknown, status = 200, path: string | RegExp = JANE_EMAIL_PATH) {
	return interceptUpsert(path, [{ status, body }]);
}

const unmatched = guardUnmatchedRequests();

function chatbotx(parameters: INodeParameters = {}): INodeParameters {
	return { provider: 'chatbotx', identifier: 'email:jane@example.com', ...parameters };
}

function idempotencyKey(request: SentRequest): unknown {
	return request.headers['idempotency-key'];
}

describe('ChatbotX: the request that leaves the process', () => {
	it.each<[string, string]>([
		['email:jane@example.com', JANE_EMAIL_PATH],
		['jane@example.com', JANE_EMAIL_PATH],
		['EMAIL: Jane@Example.COM ', JANE_EMAIL_PATH],
		['phone:+56961234567', JANE_PHONE_PATH],
		['phone:+56 9 6123 4567', JANE_PHONE_PATH],
		['+56 (9) 6123-4567', JANE_PHONE_PATH],
		['0056 9 6123 4567', JANE_PHONE_PATH],
		['56961234567', JANE_PHONE_PATH],
		['id:11590944070189056', '/api/v1/contacts/id%3A11590944070189056/upsert'],
		['ID:42', '/api/v1/contacts/id%3A42/upsert'],
		['11590944070189056', '/api/v1/contacts/id%3A11590944070189056/upsert'],
		[
			'email:o.brien+vip@example.com',
			'/api/v1/contacts/email%3Ao.brien%2Bvip%40example.com/upsert',
		],
	])('sends the identifier %j, prefixed and encoded, as POST %s', async (identifier, path) => {
		const { scope, sent } = answerWith(contact, 200, ANY_UPSERT_PATH);

		await runNode({ parameters: chatbotx({ identifier }) });

		scope.done();
		expect(unmatched).toEqual([]);
		expect(sent).toHaveLength(1);
		expect(sent[0].uri).toBe(path);
	});

	it('sends the token as a Bearer header, a JSON content type, an Idempotency-Key and the fields that are set', async () => {
		const { scope, sent } = answerWith(contact);

		await runNode({
			parameters: chatbotx({
				additionalFields: {
					firstName: ' Jane ',
					lastName: 'Doe',
					email: 'jane@example.com',
					phoneNumber: '+56 9 6123 4567',
					avatar: 'https://example.com/photos/jane.png',
					gender: 'female',
				},
			}),
		});

		scope.done();
		const [request] = sent;
		expect(request.headers.authorization).toBe(BEARER);
		expect(request.headers['content-type']).toBe('application/json');
		expect(idempotencyKey(request)).toEqual(expect.stringMatching(/^\S{1,255}$/));
		expect(request.body).toStrictEqual({
			firstName: 'Jane',
			lastName: 'Doe',
			email: 'jane@example.com',
			phoneNumber: '+56961234567',
			avatar: 'https://example.com/photos/jane.png',
			gender: 'female',
		});
	});

	it('sends an empty JSON object when no additional field is set', async () => {
		const { scope, sent } = answerWith(contact);

		await runNode({ parameters: chatbotx() });

		scope.done();
		expect(sent[0].headers['content-type']).toBe('application/json');
		expect(sent[0].body).toStrictEqual({});
	});

	it('leaves out additional fields that are empty', async () => {
		const { scope, sent } = answerWith(contact);

		await runNode({
			parameters: chatbotx({
				additionalFields: { firstName: 'Jane', lastName: '', email: ' ', phoneNumber: '' },
			}),
		});

		scope.done();
		expect(sent[0].body).toStrictEqual({ firstName: 'Jane' });
	});

	it('reads the identifier and fields from each item', async () => {
		const { scope: janeScope, sent: janeSent } = answerWith(contact);
		const { scope: pedroScope, sent: pedroSent } = answerWith(
			partialContact,
			200,
			'/api/v1/contacts/phone%3A%2B14155552671/upsert',
		);

		const [output] = await runNode({
			items: [
				{ contact: 'jane@example.com', first: 'Jane', gender: 'Female' },
				{ contact: '+1 (415) 555-2671', first: 'Pedro', gender: 'male' },
			],
			parameters: chatbotx({
				identifier: '={{ $json.contact }}',
				additionalFields: { firstName: '={{ $json.first }}', gender: '={{ $json.gender }}' },
			}),
		});

		janeScope.done();
		pedroScope.done();
		expect(janeSent[0].body).toStrictEqual({ firstName: 'Jane', gender: 'female' });
		expect(pedroSent[0].body).toStrictEqual({ firstName: 'Pedro', gender: 'male' });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('appends the documented path to a base URL with a path prefix and a trailing slash', async () => {
		const { scope, sent } = interceptUpsert(
			'/tenant/api/v1/contacts/email%3Ajane%40example.com/upsert',
			[{ status: 200, body: contact }],
			'https://chat.example.com',
		);

		await runNode({
			parameters: chatbotx(),
			credentials: {
				chatbotxApi: {
					accessToken: SECRETS.chatbotxApi,
					baseUrl: 'https://chat.example.com/tenant/api/',
				},
			},
		});

		scope.done();
		expect(sent[0].uri).toBe('/tenant/api/v1/contacts/email%3Ajane%40example.com/upsert');
		expect(unmatched).toEqual([]);
	});
});

describe('ChatbotX: the e-mail in Additional Fields', () => {
	it('is sent lower-cased like the identifier, whatever its case, so the next run finds the contact', async () => {
		await fc.assert(
			fc.asyncProperty(
				// A leading = would make n8n read the parameter as an expression.
				fc.emailAddress().filter((email) => email.length <= 100 && !email.startsWith('=')),
				fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
				async (email, upper) => {
					const typed = [...email]
						.map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase()))
						.join('');
					const { sent } = interceptUpsert(ANY_UPSERT_PATH, [{ status: 200, body: contact }]);

					await runNode({
						parameters: chatbotx({
							identifier: `email:${typed}`,
							additionalFields: { email: typed },
						}),
					});

					expect(sent).toHaveLength(1);
					expect(sent[0].body).toStrictEqual({ email: email.toLowerCase() });
					expect(decodeURIComponent(sent[0].uri)).toBe(
						`/api/v1/contacts/email:${email.toLowerCase()}/upsert`,
					);
					nock.cleanAll();
				},
			),
			{ numRuns: 40 },
		);
		expect(unmatched).toEqual([]);
	});
});

describe('ChatbotX: Idempotency-Key', () => {
	it('is different for every item of a run', async () => {
		const { scope, sent } = interceptUpsert(JANE_EMAIL_PATH, [
			{ status: 200, body: contact },
			{ status: 200, body: contact },
			{ status: 200, body: contact },
		]);

		await runNode({ items: [{}, {}, {}], parameters: chatbotx() });

		scope.done();
		const keys = sent.map(idempotencyKey);
		expect(keys).toHaveLength(3);
		keys.forEach((key) => expect(key).toEqual(expect.stringMatching(/^\S{1,255}$/)));
		expect(new Set(keys).size).toBe(3);
	});

	it('is different in a second run of the same item', async () => {
		const { scope, sent } = interceptUpsert(JANE_EMAIL_PATH, [
			{ status: 200, body: contact },
			{ status: 200, body: contact },
		]);

		await runNode({ parameters: chatbotx() });
		await runNode({ parameters: chatbotx() });

		scope.done();
		expect(idempotencyKey(sent[0])).toEqual(expect.any(String));
		expect(idempotencyKey(sent[1])).toEqual(expect.any(String));
		expect(idempotencyKey(sent[1])).not.toBe(idempotencyKey(sent[0]));
	});

	it('stays the same when an item is retried after a 503', async () => {
		const { scope, sent } = interceptUpsert(JANE_EMAIL_PATH, [
			{ status: 503, body: unavailable, headers: { 'Retry-After': '0' } },
			{ status: 200, body: contact },
		]);

		const [output] = await runNode({
			parameters: chatbotx({ additionalFields: { firstName: 'Jane' } }),
		});

		scope.done();
		expect(sent).toHaveLength(2);
		expect(idempotencyKey(sent[0])).toEqual(expect.stringMatching(/^\S{1,255}$/));
		expect(idempotencyKey(sent[1])).toBe(idempotencyKey(sent[0]));
		expect(sent[1].body).toStrictEqual(sent[0].body);
		expect(output[0].json.contactId).toBe(contact.id);
	});
});

describe('ChatbotX: phone numbers and e-mails are written one way', () => {
	it.each<[string, string | undefined]>([
		['9 6123 4567', 'CL'],
		['phone:(9) 6123-4567', 'cl'],
		['phone:0056 9 6123 4567', undefined],
		['phone:0056 9 6123 4567', 'CL'],
		['phone:0056 9 6123 4567', 'JP'],
		['+56.9.6123.4567', undefined],
	])(
		'sends the identifier %j (default country %s) as phone:+56961234567',
		async (identifier, defaultCountry) => {
			const { scope, sent } = answerWith(contact, 200, ANY_UPSERT_PATH);

			await runNode({
				parameters: chatbotx({ identifier, options: defaultCountry ? { defaultCountry } : {} }),
			});

			scope.done();
			expect(sent[0].uri).toBe(JANE_PHONE_PATH);
		},
	);

	it.each<[string, string | undefined, string]>([
		['+56 9 6123 4567', undefined, '+56961234567'],
		['0056 (9) 6123-4567', undefined, '+56961234567'],
		['9 6123 4567', 'CL', '+56961234567'],
		['(415) 555-2671', 'US', '+14155552671'],
		['14155552671', undefined, '+14155552671'],
		['0044 20 7946 0958', 'US', '+442079460958'],
	])(
		'sends the Phone Number field %j (default country %s) as %s',
		async (typed, defaultCountry, expected) => {
			const { scope, sent } = answerWith(contact);

			await runNode({
				parameters: chatbotx({
					additionalFields: { phoneNumber: typed },
					options: defaultCountry ? { defaultCountry } : {},
				}),
			});

			scope.done();
			expect(sent[0].body).toStrictEqual({ phoneNumber: expected });
		},
	);

	it.each<[string, string, string, string]>([
		['a phone number', '+56 9 6123 4567', 'phone:0056 (9) 6123-4567', JANE_PHONE_PATH],
		['an e-mail address', 'Jane@Example.COM', 'email:jane@example.com', JANE_EMAIL_PATH],
	])('finds the same contact when %s is typed two ways', async (_case, first, second, path) => {
		const { scope, sent } = interceptUpsert(path, [
			{ status: 200, body: contact },
			{ status: 200, body: contact },
		]);

		await runNode({
			items: [{ contact: first }, { contact: second }],
			parameters: chatbotx({ identifier: '={{ $json.contact }}' }),
		});

		scope.done();
		expect(sent.map((request) => request.uri)).toEqual([path, path]);
		expect(unmatched).toEqual([]);
	});
});

describe('ChatbotX: output', () => {
	it('returns the simplified contact', async () => {
		const { scope } = answerWith(contact);

		const output = await runNode({ parameters: chatbotx() });

		scope.done();
		expect(output).toStrictEqual([
			[
				{
					json: {
						provider: 'chatbotx',
						contactId: '11590944070189056',
						name: 'Jane Doe',
						email: 'jane@example.com',
						phoneNumber: '+56961234567',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('builds the name from first and last name and gives null where ChatbotX has nothing', async () => {
		const { scope } = answerWith(
			partialContact,
			200,
			'/api/v1/contacts/phone%3A%2B14155552671/upsert',
		);

		const output = await runNode({ parameters: chatbotx({ identifier: '+1 415 555 2671' }) });

		scope.done();
		expect(output).toStrictEqual([
			[
				{
					json: {
						provider: 'chatbotx',
						contactId: '11590944070189777',
						name: 'Pedro',
						email: null,
						phoneNumber: '+14155552671',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('returns the contact exactly as ChatbotX sent it when Simplify is off', async () => {
		const { scope } = answerWith(contact);

		const output = await runNode({ parameters: chatbotx({ simplify: false }) });

		scope.done();
		expect(output).toStrictEqual([[{ json: contact, pairedItem: { item: 0 } }]]);
	});
});

describe('ChatbotX: invalid input is refused before any request', () => {
	it.each<[string, INodeParameters, IDataObject[] | undefined, string]>([
		[
			'an empty identifier',
			chatbotx({ identifier: '' }),
			undefined,
			'"Identifier" of item 0 is required. Enter e.g. email:jane@example.com',
		],
		[
			'an identifier expression that resolves to nothing',
			chatbotx({ identifier: '={{ $json.email }}' }),
			[{ name: 'Jane' }],
			'"Identifier" of item 0 is required. Enter e.g. email:jane@example.com',
		],
		[
			'a phone: identifier without a number',
			chatbotx({ identifier: 'phone:' }),
			undefined,
			'"Identifier" of item 0 has the phone: prefix but no value after it.',
		],
		[
			'an email: identifier without an address',
			chatbotx({ identifier: 'email:  ' }),
			undefined,
			'"Identifier" of item 0 has the email: prefix but no value after it.',
		],
		[
			'an identifier that is free text',
			chatbotx({ identifier: 'foo bar' }),
			undefined,
			'"Identifier" of item 0: "foo bar" is not an e-mail, phone number or contact ID. Write it as email:…, phone:… or id:….',
		],
		[
			'an id: identifier that is not numeric',
			chatbotx({ identifier: 'id:abc' }),
			undefined,
			'"Identifier" of item 0: "abc" is not a ChatbotX contact ID (digits only).',
		],
		[
			'an email: identifier that is not an address',
			chatbotx({ identifier: 'email:jane@example' }),
			undefined,
			'"Identifier" of item 0: "jane@example" is not an e-mail address.',
		],
		[
			'a phone: identifier that is not a phone number',
			chatbotx({ identifier: 'phone:12' }),
			undefined,
			'"Identifier" of item 0: "12" has too few digits for a phone number',
		],
		[
			'an object mapped into the identifier',
			chatbotx({ identifier: '={{ $json.contact }}' }),
			[{ contact: { email: 'jane@example.com' } }],
			'"Identifier" of item 0 must be text such as email:jane@example.com.',
		],
		[
			'a first name longer than 100 characters',
			chatbotx({ additionalFields: { firstName: 'J'.repeat(101) } }),
			undefined,
			'"First Name" of item 0 is 101 characters long; the vendor accepts at most 100. Shorten it.',
		],
		[
			'a last name longer than 100 characters',
			chatbotx({ additionalFields: { lastName: 'D'.repeat(120) } }),
			undefined,
			'"Last Name" of item 0 is 120 characters long; the vendor accepts at most 100. Shorten it.',
		],
		[
			'an e-mail field that is not an address',
			chatbotx({ additionalFields: { email: 'jane.example.com' } }),
			undefined,
			'"Email" of item 0: "jane.example.com" is not an e-mail address. Use a form like jane@example.com',
		],
		[
			'an e-mail field longer than 100 characters',
			chatbotx({ additionalFields: { email: `${'j'.repeat(95)}@example.com` } }),
			undefined,
			'"Email" of item 0 is 107 characters long; the vendor accepts at most 100.',
		],
		[
			'a phone number with fewer than 10 digits',
			chatbotx({ additionalFields: { phoneNumber: '+500 51234' } }),
			undefined,
			'"Phone Number" of item 0: "+500 51234" has fewer than the 10 digits ChatbotX requires, country code included.',
		],
		[
			'a phone number with letters',
			chatbotx({ additionalFields: { phoneNumber: '+56 9 CALL ME' } }),
			undefined,
			'"Phone Number" of item 0: "+56 9 CALL ME" may contain only digits, spaces, dashes, dots, brackets and a leading +.',
		],
		[
			'a phone number missing a digit',
			chatbotx({ additionalFields: { phoneNumber: '+56 9 6123 456' } }),
			undefined,
			'"Phone Number" of item 0: "+56 9 6123 456" has too few digits for a +56 number',
		],
		[
			'an object mapped into the phone number',
			chatbotx({ additionalFields: { phoneNumber: '={{ $json.phone }}' } }),
			[{ phone: { number: '+56961234567' } }],
			'"Phone Number" of item 0 must be text.',
		],
		[
			'an object mapped into the first name',
			chatbotx({ additionalFields: { firstName: '={{ $json.person }}' } }),
			[{ person: { first: 'Jane' } }],
			'"First Name" of item 0 must be text, but got an object. Map a single text value into this field.',
		],
		[
			'a gender ChatbotX does not know',
			chatbotx({ additionalFields: { gender: '={{ $json.gender }}' } }),
			[{ gender: 'other' }],
			'"Gender" of item 0: "other" is not one of female, male, unknown.',
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
		const { scope, sent } = interceptUpsert(JANE_EMAIL_PATH, [
			{ status: 200, body: contact },
			{ status: 200, body: contact },
		]);

		const [output] = await runNode({
			items: [
				{ contact: 'jane@example.com' },
				{ contact: 'id:abc' },
				{ contact: 'JANE@example.com' },
			],
			parameters: chatbotx({ identifier: '={{ $json.contact }}', options: { concurrency: 1 } }),
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(sent).toHaveLength(2);
		expect(unmatched).toEqual([]);
		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({ json: { contactId: contact.id }, pairedItem: { item: 0 } });
		expect(output[1]).toStrictEqual({
			json: {
				error: '"Identifier" of item 1: "abc" is not a ChatbotX contact ID (digits only).',
				message:
					'Fix the "Identifier" field (or the data mapped into it) for this item. No request was sent for it.',
			},
			pairedItem: { item: 1 },
		});
		expect(output[2]).toMatchObject({ json: { contactId: contact.id }, pairedItem: { item: 2 } });
	});
});

describe('ChatbotX: refusals from ChatbotX', () => {
	it.each<[string, number, unknown, string, RegExp[]]>([
		[
			'an invalid workspace token (INVALID_CHATBOT_TOKEN)',
			401,
			invalidToken,
			'ChatbotX answered 401: Invalid or missing workspace API token',
			[/INVALID_CHATBOT_TOKEN/, /access token in the ChatbotX credential/],
		],
		[
			'a missing authentication (UNAUTHORIZED)',
			401,
			unauthorized,
			'ChatbotX answered 401: Authentication required',
			[/access token in the ChatbotX credential/],
		],
		[
			'a token without the contacts scope (FORBIDDEN)',
			403,
			forbidden,
			'ChatbotX answered 403: This API token does not have the required scope: contacts',
			[/FORBIDDEN/, /"contacts" scope/, /read-only/],
		],
		[
			'an expired trial',
			403,
			trialExpired,
			'ChatbotX answered 403: Your trial has expired',
			[/trialExpired/],
		],
		[
			'a workspace without a webchat inbox',
			404,
			inboxNotFound,
			'ChatbotX answered 404: Inbox not found',
			[/webchat inbox/],
		],
		[
			'an id: identifier of no contact',
			404,
			contactNotFound,
			'ChatbotX answered 404: Contact not found',
			[/notFound/],
		],
		[
			'an identifier format ChatbotX does not accept',
			404,
			invalidIdentifier,
			'ChatbotX answered 404: Invalid identifier format. Use id:, email:, or phone: prefix',
			[/notFound/],
		],
		[
			'field errors (invalidRequestData)',
			422,
			invalidRequestData,
			'ChatbotX answered 422: Input validation failed: email: Invalid email address; phoneNumber: Too small: expected string to have >=10 characters',
			[/email: Invalid email address/, /phoneNumber: Too small/, /invalidRequestData/],
		],
		[
			'a phone number another contact has (phoneExists)',
			422,
			phoneExists,
			'ChatbotX answered 422: Phone number already exists',
			[/phoneExists/, /Another contact already has this phone number/],
		],
		[
			'a full contact quota (quotaExceeded)',
			422,
			quotaExceeded,
			'ChatbotX answered 422: Contact limit reached',
			[/quotaExceeded/, /contact limit/],
		],
		['a server error', 500, serverError, 'ChatbotX answered 500: Internal server error', [/\S/]],
	])(
		"turns %s into an error with ChatbotX's message, sent only once",
		async (_case, status, body, expectedMessage, hints) => {
			const { scope, sent } = answerWith(body, status);

			const error = await runExpectingError({ parameters: chatbotx() });

			scope.done();
			expect(sent).toHaveLength(1);
			expect(unmatched).toEqual([]);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(expectedMessage);
			expect((error as NodeApiError).httpCode).toBe(String(status));
			for (const hint of hints) expect(error.description).toMatch(hint);
			expect(error.context.itemIndex).toBe(0);
		},
	);

	it.each<[string, number, unknown, string, RegExp]>([
		[
			'a rate limit (tooManyRequests)',
			429,
			tooManyRequests,
			'ChatbotX is rate limiting: Too many requests. Retry after 7s. (asked to wait 7 s, longer than what is left of Options → Max Wait for Rate Limits (0 s))',
			/Max Wait for Rate Limits/,
		],
		[
			'an unavailable service',
			503,
			unavailable,
			'ChatbotX answered 503: Service Unavailable',
			/\S/,
		],
	])(
		"turns %s that may not be retried into an error with ChatbotX's message",
		async (_case, status, body, expectedMessage, hint) => {
			const { scope, sent } = answerWith(body, status);

			const error = await runExpectingError({
				parameters: chatbotx({ options: { maxRetries: 0, maxRateLimitWait: 0 } }),
			});

			scope.done();
			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(expectedMessage);
			expect((error as NodeApiError).httpCode).toBe(String(status));
			expect(error.description).toMatch(hint);
		},
	);

	it('turns a refusal into an error item under "continue" and goes on with the next item', async () => {
		const { scope: janeScope } = answerWith(phoneExists, 422);
		const { scope: pedroScope } = answerWith(
			partialContact,
			200,
			'/api/v1/contacts/phone%3A%2B14155552671/upsert',
		);

		const [output] = await runNode({
			items: [{ contact: 'jane@example.com' }, { contact: '+1 415 555 2671' }],
			parameters: chatbotx({ identifier: '={{ $json.contact }}', options: { concurrency: 1 } }),
			onError: 'continueRegularOutput',
		});

		janeScope.done();
		pedroScope.done();
		expect(output).toStrictEqual([
			{
				json: {
					error: 'ChatbotX answered 422: Phone number already exists',
					message: expect.stringMatching(/Another contact already has this phone number/),
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					provider: 'chatbotx',
					contactId: partialContact.id,
					name: 'Pedro',
					email: null,
					phoneNumber: '+14155552671',
				},
				pairedItem: { item: 1 },
			},
		]);
	});
});

describe('ChatbotX: the access token never shows up in what the node returns', () => {
	function expectNoSecret(value: unknown) {
		expect(everythingIn(value)).not.toContain(SECRETS.chatbotxApi);
	}

	it('is absent from simplified and raw output', async () => {
		const { scope } = interceptUpsert(JANE_EMAIL_PATH, [
			{ status: 200, body: contact },
			{ status: 200, body: contact },
		]);

		const simplified = await runNode({ parameters: chatbotx() });
		const raw = await runNode({ parameters: chatbotx({ simplify: false }) });

		scope.done();
		expect(simplified[0]).toHaveLength(1);
		expect(raw[0]).toHaveLength(1);
		expectNoSecret(simplified);
		expectNoSecret(raw);
	});

	it.each<[string, () => void, INodeParameters]>([
		['invalid input', () => undefined, chatbotx({ identifier: 'phone:' })],
		[
			'a rejected token',
			() => answerWith(invalidToken, 401),
			chatbotx({ options: { maxRetries: 0 } }),
		],
		[
			'field errors from ChatbotX',
			() => answerWith(invalidRequestData, 422),
			chatbotx({ options: { maxRetries: 0 } }),
		],
		[
			'a connection failure',
			() =>
				nock(ORIGIN)
					.post(JANE_EMAIL_PATH)
					.replyWithError(
						Object.assign(new Error('connect ECONNREFUSED 203.0.113.9:443'), {
							code: 'ECONNREFUSED',
						}),
					),
			chatbotx({ options: { maxRetries: 0 } }),
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
