import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { testCredentials } from '../helpers/credentials';
import { casesOf } from '../helpers/providerCases';
import { runNode } from '../helpers/runNode';
import { runExpectingError } from '../helpers/vendorHttp';
import { wholeRunOf } from '../helpers/vendorRuns';
import queued from '../fixtures/hypersender/queued.json';
import success from '../fixtures/hypersender/success.json';

// Hypersender's request, output, refused input and refusals are tables in
// fixtures/hypersender/cases.json (run by tables.test.ts); its queued requests in
// followUps.test.ts and its chat IDs in chat-ids.test.ts; whole runs in nodeRuns.test.ts. Here:
// what only Hypersender has (the instance in the credential, queued answers, HTML pages).

const hypersender = casesOf('hypersender');
const INSTANCE_ID = String(testCredentials.hypersenderApi.instanceId);
const withInstance = (instanceId: string) => ({ ...testCredentials.hypersenderApi, instanceId });

describe('Hypersender credential', () => {
	it.each(['..', '.', '../x', 'a/b?c', 'a#b', 'x/../../v1', '%2E%2E'])(
		'refuses the crafted instance id %j before anything is sent',
		(instanceId) => {
			// URL parsing resolves "..", "." and their %2E spellings alike, so no encoding can
			// keep such a segment in place: the safe outcome is to refuse before sending.
			expect(hypersender.connectionRefusal(withInstance(instanceId))).toStrictEqual({
				message: `The Hypersender credential's Instance ID ${JSON.stringify(instanceId)} is not an instance ID (letters, digits, - and _ only)`,
				description:
					'Open the Hypersender credential and correct it (copy the value from the Hypersender dashboard).',
			});
		},
	);

	it('refuses a credential without an instance id', () => {
		expect(hypersender.connectionRefusal(withInstance('   '))?.message).toBe(
			'The Hypersender credential has no Instance ID',
		);
	});

	it('trims spaces around the instance id and takes letters, digits, - and _', () => {
		expect(hypersender.connectionRefusal(withInstance(` ${INSTANCE_ID} `))).toBeUndefined();
		const request = hypersender.request(
			{ chatId: '+1 213 213 2131', firstName: 'John' },
			undefined,
			{
				...withInstance(`  ${INSTANCE_ID}  `),
			},
		);
		expect(request.url).toBe(
			`https://app.hypersender.com/api/whatsapp/v2/${INSTANCE_ID}/contacts/upsert`,
		);
		expect(hypersender.connection(withInstance('Main_Instance-2')).instanceId).toBe(
			'Main_Instance-2',
		);
	});
});

describe('Hypersender answers', () => {
	it.each<[unknown, boolean]>([
		[success, false],
		[queued, false],
		[{ data: { success: false } }, true],
	])('believes the answer %j when it reports a failure: %s', (body, fails) => {
		expect(hypersender.provider.reportsFailure?.(body)).toBe(fails);
	});
});

describe('Hypersender in a whole run', () => {
	const { vendor, unmatched, intercept } = wholeRunOf('hypersender');
	const parameters = (more: INodeParameters = {}) => ({
		provider: vendor.provider,
		chatId: '+1 (213) 213-2131',
		firstName: 'John',
		...more,
	});

	it.each([
		[
			'the instance id is crafted',
			'../x',
			'The Hypersender credential\'s Instance ID "../x" is not an instance ID (letters, digits, - and _ only)',
		],
		['there is no instance id', '   ', 'The Hypersender credential has no Instance ID'],
	])('sends nothing when %s', async (_case, instanceId, message) => {
		const error = await runExpectingError({
			parameters: parameters({ options: { maxRetries: 0 } }),
			credentials: { hypersenderApi: withInstance(instanceId) },
		});

		expect(unmatched).toEqual([]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(message);
	});

	it('says a queued v2 request is only queued, and returns it unchanged when Simplify is off', async () => {
		const { scope } = intercept([
			{ status: 200, body: queued },
			{ status: 200, body: queued },
		]);

		const [simplified] = await runNode({ parameters: parameters() });
		const [raw] = await runNode({ parameters: parameters({ simplify: false }) });

		scope.done();
		expect(simplified[0].json).toMatchObject({
			contactId: '12132132131',
			queued: true,
			queuedRequestId: queued.queued_request_uuid,
		});
		expect(raw).toStrictEqual([{ json: queued, pairedItem: { item: 0 } }]);
	});

	it.each([
		[
			500,
			'<html><head><title>Server Error</title></head><body><h1>500</h1></body></html>',
			'Hypersender answered 500: Server Error',
		],
		[
			200,
			'<html><head><title>Proxy login</title></head><body>Sign in</body></html>',
			'Hypersender answered 200 but its response is not JSON: Proxy login',
		],
	])(
		'fails a %s with an HTML page with its title, once, without the markup',
		async (status, page, message) => {
			const answer = {
				status,
				body: page,
				headers: { 'content-type': 'text/html; charset=UTF-8' },
			};
			const { sent } = intercept([answer, answer]);

			const error = await runExpectingError({ parameters: parameters() });

			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(message);
		},
	);

	it('sends a 429 once when Max Wait for Rate Limits is 0', async () => {
		const answer = { status: 429, body: { message: 'Too Many Attempts.' } };
		const { sent } = intercept([answer, answer, answer]);

		const error = await runExpectingError({
			parameters: parameters({ options: { maxRateLimitWait: 0 } }),
		});

		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		// No Retry-After: the account pauses for the default 1.5–2.5 s.
		expect(error.message).toMatch(
			/^Hypersender is rate limiting: Too Many Attempts\. \(requests to this account are paused for [23] s, longer than what is left of Options → Max Wait for Rate Limits \(0 s\)\)$/,
		);
	});
});
