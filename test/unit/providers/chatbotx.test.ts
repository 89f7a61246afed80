import fc from 'fast-check';
import { NodeApiError } from 'n8n-workflow';

import { casesOf } from '../helpers/providerCases';
import { runNode } from '../helpers/runNode';
import { runExpectingError, type SentRequest } from '../helpers/vendorHttp';
import { wholeRunOf } from '../helpers/vendorRuns';
import contact from '../fixtures/chatbotx/contact.json';
import tooManyRequests from '../fixtures/chatbotx/error-429-too-many-requests.json';
import unavailable from '../fixtures/chatbotx/error-503.json';

// ChatbotX's request, output, refused input and refusals are tables in
// fixtures/chatbotx/cases.json (run by tables.test.ts); its tags and custom fields in
// followUps.test.ts; whole runs in nodeRuns.test.ts. Here: what only ChatbotX has.

const chatbotx = casesOf('chatbotx');
const CONTACTS = 'https://app.chatbotx.io/api/v1/contacts';

describe('ChatbotX contacts', () => {
	it('sends the e-mail in Additional Fields lower-cased like the identifier, so the next run finds the contact', () => {
		fc.assert(
			fc.property(
				fc.emailAddress().filter((email) => email.length <= 100),
				fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
				(email, upper) => {
					const typed = [...email]
						.map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase()))
						.join('');
					const request = chatbotx.request({
						identifier: `email:${typed}`,
						additionalFields: { email: typed },
					});
					expect(request.body).toStrictEqual({ email: email.toLowerCase() });
					expect(decodeURIComponent(request.url)).toBe(
						`${CONTACTS}/email:${email.toLowerCase()}/upsert`,
					);
				},
			),
			{ numRuns: 200 },
		);
	});

	it.each([
		['a phone number', '+56 9 6123 4567', 'phone:0056 (9) 6123-4567'],
		['an e-mail address', 'Jane@Example.COM', 'email:jane@example.com'],
	])('finds the same contact when %s is typed two ways', (_case, first, second) => {
		const [one, other] = [first, second].map((identifier) => chatbotx.contactKey({ identifier }));
		expect(other).toBe(one);
	});

	it('marks each request with an Idempotency-Key and waits out a 409 (a first attempt still running)', () => {
		const { idempotency } = chatbotx.provider;
		expect(idempotency?.header('run-1-0')).toStrictEqual({ 'Idempotency-Key': 'run-1-0' });
		const statuses = [409, 200, 422, 429, 503];
		expect(statuses.filter((status) => idempotency?.stillProcessing(status))).toEqual([409]);
	});

	it.each<[unknown, number | undefined]>([
		[tooManyRequests, 7],
		[{ message: 'Retry after 2.5 s' }, 2.5],
		[{ message: 'Too many requests' }, undefined],
		['Retry after 7s', undefined],
	])('reads the wait a rate limit asks for from the body %j: %s seconds', (body, seconds) => {
		expect(chatbotx.provider.retryAfterFromBody?.(body)).toBe(seconds);
	});
});

describe('ChatbotX in a whole run', () => {
	const { vendor, unmatched, intercept } = wholeRunOf('chatbotx');
	const answers = (count: number) =>
		Array.from({ length: count }, () => ({ status: 200, body: contact }));
	const parameters = { provider: vendor.provider, identifier: 'email:jane@example.com' };
	const key = (request: SentRequest) => request.headers['idempotency-key'];
	const KEY_FORMAT = /^\S{1,255}$/;

	it('sends a different Idempotency-Key for every item of a run', async () => {
		const { scope, sent } = intercept(answers(3));

		await runNode({ items: [{}, {}, {}], parameters });

		scope.done();
		const keys = sent.map(key);
		keys.forEach((value) => expect(value).toEqual(expect.stringMatching(KEY_FORMAT)));
		expect(new Set(keys).size).toBe(3);
	});

	it('sends a different Idempotency-Key in a second run of the same item', async () => {
		const { scope, sent } = intercept(answers(2));

		await runNode({ parameters });
		await runNode({ parameters });

		scope.done();
		expect(sent.map(key)).toEqual([expect.stringMatching(KEY_FORMAT), expect.any(String)]);
		expect(key(sent[1])).not.toBe(key(sent[0]));
	});

	it('keeps the Idempotency-Key when an item is retried after a 503', async () => {
		const retry = { status: 503, body: unavailable, headers: { 'Retry-After': '0' } };
		const { scope, sent } = intercept([retry, ...answers(1)]);

		const [output] = await runNode({ parameters });

		scope.done();
		expect(key(sent[0])).toEqual(expect.stringMatching(KEY_FORMAT));
		expect(key(sent[1])).toBe(key(sent[0]));
		expect(output[0].json.contactId).toBe(contact.id);
	});

	it('fails at once when a rate limit asks to wait longer than Max Wait for Rate Limits', async () => {
		const { sent } = intercept([{ status: 429, body: tooManyRequests }, ...answers(1)]);

		const error = await runExpectingError({
			parameters: { ...parameters, options: { maxRateLimitWait: 0 } },
		});

		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'ChatbotX is rate limiting: Too many requests. Retry after 7s. (asked to wait 7 s, longer than what is left of Options → Max Wait for Rate Limits (0 s))',
		);
		expect((error as NodeApiError).httpCode).toBe('429');
		expect(error.description).toMatch(/Max Wait for Rate Limits/);
		expect(unmatched).toEqual([]);
	});
});
