import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { testCredentials } from '../helpers/credentials';
import { casesOf } from '../helpers/providerCases';
import { runNode } from '../helpers/runNode';
import { runExpectingError } from '../helpers/vendorHttp';
import { wholeRunOf } from '../helpers/vendorRuns';
import invalidChannel from '../fixtures/rampwin/invalid-channel.json';
import success from '../fixtures/rampwin/success.json';

// Rampwin's request, output, refused input and refusals are tables in
// fixtures/rampwin/cases.json (run by tables.test.ts); whole runs in nodeRuns.test.ts. Here:
// what only Rampwin has (answers that report a failure, the channel ID in the query).

const rampwin = casesOf('rampwin');
const CHANNEL_ID = '65f1c2a9b7e4d3c2a1f0e9d8';

describe('Rampwin answers', () => {
	it.each([
		{ success: true, message: 'Contact inserted or updated successfully', data: { _id: 'c1' } },
		{ success: true, data: { _id: 'c1', message: 'Unauthorized' } },
		{ data: { _id: 'c1' } },
		{ success: true, error: null, data: { _id: 'c1' } },
	])('takes a 200 answering %j as a saved contact', (body) => {
		expect(rampwin.provider.reportsFailure?.(body)).toBe(false);
		const parameters = { rampwinChannelId: CHANNEL_ID, phoneNumber: '+56912345678' };
		expect(rampwin.output(body, parameters).contactId).toBe('c1');
	});

	const FAILURES: Array<[unknown, string, string | undefined]> = [
		[{ message: 'Invalid channel' }, 'Invalid channel', 'Check the Channel ID'],
		[{ message: 'Unauthorized' }, 'Unauthorized', 'Check the API key'],
		[{ message: 'unauthorised request' }, 'unauthorised request', 'Check the API key'],
		[{ success: true, message: 'Invalid channel' }, 'Invalid channel', 'Check the Channel ID'],
		[{ success: 'false', message: 'nope' }, 'nope', undefined],
		[{ success: false }, '{"success":false}', undefined],
		[{ error: 'Invalid token', statusCode: 401 }, 'Invalid token', undefined],
		['', 'an empty answer, without the contact', undefined],
	];

	it.each(
		[200, 201].flatMap((status) =>
			FAILURES.map(([body, vendorMessage, hint]) => ({ status, body, vendorMessage, hint })),
		),
	)("reports a $status answering $body as a failure, in Rampwin's words", (failure) => {
		const { status, body, vendorMessage, hint } = failure;
		expect(rampwin.provider.reportsFailure?.(body)).toBe(true);
		const { message, description } = rampwin.vendorRefusal(status, body);
		expect(message).toBe(`Rampwin answered ${status}: ${vendorMessage}`);
		if (hint) expect(description).toContain(hint);
	});
});

describe('Rampwin in a whole run', () => {
	const { vendor, unmatched, intercept } = wholeRunOf('rampwin');
	const parameters = (more: INodeParameters = {}) => ({
		provider: vendor.provider,
		rampwinChannelId: CHANNEL_ID,
		phoneNumber: '+56 9 1234 5678',
		...more,
	});

	it.each([
		['a&b#c', 'a%26b%23c'],
		['id with spaces', 'id%20with%20spaces'],
		['a+b=c', 'a%2Bb%3Dc'],
		['canal/ñ?x', 'canal%2F%C3%B1%3Fx'],
	])(
		'encodes the channel id %j as the single channel_id query value',
		async (channelId, encoded) => {
			const { scope, sent } = intercept([{ status: 200, body: success }], {
				query: { channel_id: channelId },
			});

			await runNode({ parameters: parameters({ rampwinChannelId: channelId }) });

			scope.done();
			expect(sent[0].uri).toBe(`/api/contacts/insertOrUpdate?channel_id=${encoded}`);
		},
	);

	it('fails an item whose 200 answer reports a failure, without sending it again', async () => {
		const answers = Array.from({ length: 3 }, () => ({ status: 200, body: invalidChannel }));
		const { sent } = intercept(answers);

		const error = await runExpectingError({ parameters: parameters() });

		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Rampwin answered 200: Invalid channel');
		expect(error.description).toContain('Check the Channel ID');
		expect(unmatched).toEqual([]);
	});

	it('refuses a credential base URL that is not an http(s) URL', async () => {
		const error = await runExpectingError({
			parameters: parameters(),
			credentials: { rampwinApi: { ...testCredentials.rampwinApi, baseUrl: 'api.rampwin.com' } },
		});

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("The Rampwin credential's Base URL is not an http(s) URL");
		expect(unmatched).toEqual([]);
	});
});
