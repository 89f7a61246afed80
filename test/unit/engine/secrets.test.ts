import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { SECRETS } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';

interface Case {
	provider: keyof typeof SECRETS;
	origin: string;
	path: RegExp;
	parameters: INodeParameters;
}

const CASES: Case[] = [
	{
		provider: 'vambeApi',
		origin: 'https://api.vambe.me',
		path: /upsert\/info/,
		parameters: {
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: '+56911112222',
			phoneNumber: '={{ $json.phone }}',
		},
	},
	{
		provider: 'chatbotxApi',
		origin: 'https://app.chatbotx.io',
		path: /\/upsert$/,
		parameters: { provider: 'chatbotx', identifier: '={{ $json.phone }}' },
	},
	{
		provider: 'rampwinApi',
		origin: 'https://api.rampwin.com',
		path: /insertOrUpdate/,
		parameters: {
			provider: 'rampwin',
			rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
			phoneNumber: '={{ $json.phone }}',
		},
	},
	{
		provider: 'hypersenderApi',
		origin: 'https://app.hypersender.com',
		path: /contacts\/upsert/,
		parameters: { provider: 'hypersender', chatId: '={{ $json.phone }}', firstName: 'Jane' },
	},
];

/** Everything a user or a log could see of a failed run: thrown error, its cause, output items. */
function visible(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner instanceof Error) {
			const { message, stack } = inner;
			return { ...inner, message, stack, cause: (inner as { cause?: unknown }).cause };
		}
		if (inner && typeof inner === 'object') {
			if (seen.has(inner)) return '[circular]';
			seen.add(inner);
		}
		return inner;
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each(CASES)(
	'$provider never shows its secret',
	({ provider, origin, path, parameters }) => {
		const secret = SECRETS[provider];
		const items = [{ phone: '+56961234567' }, { phone: 'nonsense' }, { phone: '+12135550142' }];

		function failEverything() {
			nock(origin)
				.post(path)
				.query(true)
				// A vendor that echoes the key it refused, in its message and in a header.
				.reply(
					401,
					{ message: `Invalid key ${secret}`, errors: { key: [secret] } },
					{ 'X-Key': secret },
				)
				.post(path)
				.query(true)
				.replyWithError(
					Object.assign(new Error(`socket closed for ${secret}`), { code: 'ECONNRESET' }),
				);
		}

		it('in error items under continue on fail', async () => {
			failEverything();

			const output = await runNode({
				parameters: { ...parameters, options: { maxRetries: 0, concurrency: 1 } },
				items,
				onError: 'continueRegularOutput',
			});

			const text = visible(output);
			expect(text).not.toContain(secret);
			expect(text).toContain('[credential]');
			expect(output[0]).toHaveLength(3);
		});

		it('in the error thrown when the run stops', async () => {
			failEverything();

			const error = await runNode({
				parameters: { ...parameters, options: { maxRetries: 0 } },
				items: items.slice(0, 1),
			}).catch((caught: unknown) => caught);

			expect(error).toBeInstanceOf(Error);
			const text = visible(error);
			expect(text).not.toContain(secret);
			expect(text).toContain('answered 401');
		});

		it('in a connection failure', async () => {
			nock(origin)
				.post(path)
				.query(true)
				.replyWithError(
					Object.assign(new Error(`socket closed for ${secret}`), { code: 'ECONNRESET' }),
				);

			const error = await runNode({
				parameters: { ...parameters, options: { maxRetries: 0 } },
				items: items.slice(0, 1),
			}).catch((caught: unknown) => caught);

			const text = visible(error);
			expect(text).toContain('the connection was reset');
			expect(text).not.toContain(secret);
		});
	},
);
