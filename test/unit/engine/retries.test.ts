import nock from 'nock';
import { NodeApiError, type INodeParameters } from 'n8n-workflow';

import { runNode } from '../helpers/runNode';
import { chatbotxParameters } from '../helpers/vendorHttp';

const RAMPWIN = 'https://api.rampwin.com';
const PATH = '/api/contacts/insertOrUpdate';
const SUCCESS = {
	success: true,
	message: 'Contact inserted or updated successfully',
	data: { _id: '65f1c2a9b7e4d3c2a1f0aaaa', phone_number: '+56961234567' },
};
const HTML_503 =
	'<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>';

function parameters(options: INodeParameters = {}): INodeParameters {
	return {
		provider: 'rampwin',
		rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
		phoneNumber: '+56961234567',
		options,
	};
}

/** A socket error as Node raises it (nock needs an Error instance to fail the request). */
function networkError(code: string, message: string): Error {
	return Object.assign(new Error(message), { code });
}

/**
 * Runs one item under continue-on-fail while Rampwin answers as `answer` sets up its
 * interceptor(s); proves every answer was used and returns the output item's JSON.
 */
async function outputWhenRampwin(
	answer: (attempt: nock.Interceptor) => nock.Scope,
	options: INodeParameters,
) {
	const scope = answer(nock(RAMPWIN).post(PATH).query(true));

	const [[item]] = await runNode({
		parameters: parameters(options),
		onError: 'continueRegularOutput',
	});

	scope.done();
	return item.json;
}

/**
 * Rampwin fails the first attempt as `fail` sets it up and saves the contact on the second; the
 * run with these Options must return the saved contact's ID.
 */
async function expectRetriedToSuccess(
	fail: (attempt: nock.Interceptor) => nock.Scope,
	options: INodeParameters,
	saved = SUCCESS,
) {
	const output = await outputWhenRampwin(
		(attempt) => fail(attempt).post(PATH).query(true).reply(200, saved),
		options,
	);
	expect(output.contactId).toBe(saved.data._id);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('retries', () => {
	it.each([
		[429, { 'Retry-After': '0' }],
		[408, {}],
		[502, {}],
		[503, { 'Content-Type': 'text/html' }],
		[504, {}],
	])('retries a %i and returns the later success', async (status, headers) => {
		await expectRetriedToSuccess(
			(attempt) => attempt.reply(status, status === 503 ? HTML_503 : { message: 'busy' }, headers),
			{ maxRetries: 2 },
		);
	});

	it('honors a Retry-After given as an HTTP date', async () => {
		const past = new Date(Date.now() - 5_000).toUTCString();
		await expectRetriedToSuccess(
			(attempt) => attempt.reply(429, { message: 'Too many requests' }, { 'Retry-After': past }),
			{ maxRetries: 1 },
		);
	});

	it('gives up after Max Retries and says how many attempts were made', async () => {
		const output = await outputWhenRampwin(
			(attempt) =>
				attempt.times(3).reply(503, HTML_503, {
					'Content-Type': 'text/html',
				}),
			{ maxRetries: 2 },
		);

		expect(output).toEqual({
			error: 'Rampwin answered 503 after 3 attempts: 503 Service Temporarily Unavailable',
			message:
				'The vendor could not process the request. Try again later; repeating an upsert is safe.',
		});
	});

	it('fails at once on a vendor refusal that a retry cannot fix', async () => {
		const output = await outputWhenRampwin(
			(attempt) => attempt.reply(400, { success: false, message: 'Validation error' }),
			{ maxRetries: 3 },
		);

		expect(output.error).toBe('Rampwin answered 400: Validation error');
	});

	it('fails an item at once when the vendor asks to wait longer than Max Wait for Rate Limits', async () => {
		const output = await outputWhenRampwin(
			(attempt) =>
				attempt.reply(429, { success: false, message: 'Rate limit' }, { 'Retry-After': '3600' }),
			{ maxRetries: 3 },
		);

		expect(output).toEqual({
			error:
				'Rampwin is rate limiting: Rate limit (asked to wait 3600 s, longer than what is left of Options → Max Wait for Rate Limits (600 s))',
			message:
				'Raise Options → Max Wait for Rate Limits, lower Options → Concurrency or send fewer contacts at once (every execution in this n8n process shares one budget per account), or ask the vendor for a higher rate limit. Repeating the item is safe.',
		});
	});

	it("waits as ChatbotX's message asks when it sends no Retry-After header", async () => {
		const scope = nock('https://app.chatbotx.io')
			.post('/api/v1/contacts/email%3Ajane%40example.com/upsert')
			.reply(429, {
				defined: true,
				code: 'tooManyRequests',
				status: 429,
				message: 'Too many requests. Retry after 0s.',
			})
			.post('/api/v1/contacts/email%3Ajane%40example.com/upsert')
			.reply(200, { id: '11590944070189056', email: 'jane@example.com' });

		const [[item]] = await runNode({
			parameters: chatbotxParameters('Jane@Example.com', { maxRetries: 1 }),
		});

		expect(item.json.contactId).toBe('11590944070189056');
		scope.done();
	});
});

describe('rate limits slow the whole run', () => {
	it('pauses every item after a 429 and finishes all items', async () => {
		const starts: number[] = [];
		let limitedAt = 0;
		nock(RAMPWIN)
			.post(PATH)
			.query(true)
			.times(13)
			.reply((_uri, body) => {
				starts.push(Date.now());
				if (!limitedAt) {
					limitedAt = Date.now();
					return [429, { success: false, message: 'Too many requests' }, { 'Retry-After': '1' }];
				}
				return [200, { ...SUCCESS, data: body }];
			});
		const items = Array.from({ length: 12 }, (_, index) => ({
			phone: `+5696123${String(4000 + index)}`,
		}));

		const [output] = await runNode({
			parameters: { ...parameters({ concurrency: 4 }), phoneNumber: '={{ $json.phone }}' },
			items,
		});

		expect(output.map((item) => item.json.phoneNumber)).toEqual(items.map((item) => item.phone));
		// Requests already in flight may land just after the 429; none may start during the pause.
		const startedDuringPause = starts.filter(
			(start) => start > limitedAt + 50 && start < limitedAt + 380,
		);
		expect(startedDuringPause).toEqual([]);
	});
});

describe('a fixed-window rate limit like ChatbotX', () => {
	it('finishes every item with none failed and none sent twice', async () => {
		const WINDOW_MS = 1_000;
		const LIMIT = 30;
		let windowStart = Date.now();
		let used = 0;
		const accepted = new Map<string, number>();
		const scope = nock('https://app.chatbotx.io')
			.persist()
			.post(/\/api\/v1\/contacts\/.+\/upsert/)
			.reply((uri) => {
				const now = Date.now();
				if (now - windowStart >= WINDOW_MS) {
					windowStart = now;
					used = 0;
				}
				if (++used > LIMIT) {
					const wait = Math.ceil((windowStart + WINDOW_MS - now) / 1000);
					return [
						429,
						{
							defined: true,
							code: 'tooManyRequests',
							status: 429,
							message: `Too many requests. Retry after ${wait}s.`,
						},
					];
				}
				accepted.set(uri, (accepted.get(uri) ?? 0) + 1);
				return [200, { id: uri }];
			});
		const items = Array.from({ length: 120 }, (_, index) => ({
			email: `user${index}@example.com`,
		}));

		const [output] = await runNode({
			parameters: chatbotxParameters('={{ $json.email }}', { concurrency: 10 }),
			items,
			onError: 'continueRegularOutput',
		});

		expect(output.filter((item) => item.json.error)).toEqual([]);
		expect(output).toHaveLength(120);
		expect(accepted.size).toBe(120);
		expect([...accepted.values()].every((count) => count === 1)).toBe(true);
		scope.persist(false);
	}, 30_000);
});

describe('network failures and timeouts', () => {
	it('retries a connection reset', async () => {
		await expectRetriedToSuccess(
			(attempt) => attempt.replyWithError(networkError('ECONNRESET', 'socket hang up')),
			{ maxRetries: 1 },
		);
	});

	it('reports a refused connection in plain words once retries are spent', async () => {
		const output = await outputWhenRampwin(
			(attempt) =>
				attempt
					.times(2)
					.replyWithError(networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443')),
			{ maxRetries: 1 },
		);

		expect(output).toEqual({
			error: 'Could not reach Rampwin: the connection was refused (2 attempts)',
			message: "Check the Base URL in the Rampwin credential and the vendor's status.",
		});
	});

	it('fails a request that hangs past the timeout instead of waiting forever', async () => {
		const scope = nock(RAMPWIN).post(PATH).query(true).delay(2_000).reply(200, SUCCESS);

		const error = await runNode({ parameters: parameters({ timeout: 100, maxRetries: 0 }) }).catch(
			(caught: unknown) => caught,
		);

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Could not reach Rampwin: no answer came in time');
		expect((error as NodeApiError).description).toBe(
			"Check the Base URL in the Rampwin credential and the vendor's status. The timeout is 100 ms (Options → Timeout).",
		);
		scope.done();
	});

	it('retries a timed-out request and keeps the answer of the retry', async () => {
		await expectRetriedToSuccess(
			(attempt) => attempt.delay(2_000).reply(200, SUCCESS),
			{ timeout: 100, maxRetries: 1 },
			{ ...SUCCESS, data: { ...SUCCESS.data, _id: 'second' } },
		);
	});

	it('does not mistake a 200 with a broken JSON body for a saved contact', async () => {
		const output = await outputWhenRampwin(
			(attempt) =>
				attempt.reply(200, '{"success":true,"data":{"_id":"65f1', {
					'Content-Type': 'application/json',
				}),
			{ maxRetries: 3 },
		);

		expect(output).toEqual({
			error:
				'Rampwin answered 200 but its response is not JSON: {"success":true,"data":{"_id":"65f1',
			message:
				'The contact may have been saved. Running the item again is safe: the vendor updates the same contact.',
		});
	});
});
