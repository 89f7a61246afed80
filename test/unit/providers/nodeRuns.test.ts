import nock from 'nock';
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { runNode, type RunInput } from '../helpers/runNode';
import {
	everythingIn,
	guardUnmatchedRequests,
	interceptRequests,
	runExpectingError,
	type Reply,
} from '../helpers/vendorHttp';
import { VENDOR_RUNS, type VendorRun } from '../helpers/vendorRuns';

// Whole runs of the node inside n8n-core's real context, one set per vendor: what only n8n's
// context shows (the credential's headers, expressions read per item, pairing, continue on fail,
// retries). What each vendor's pure functions decide is in the vendor's own table tests.

const unmatched = guardUnmatchedRequests();

const ok = (body: unknown, status = 200): Reply => ({ status, body });

const fixWord = (label: string) =>
	`Fix the "${label}" field (or the data mapped into it) for this item. No request was sent for it.`;

describe.each(VENDOR_RUNS)('$displayName in a whole run', (vendor: VendorRun) => {
	const intercept = (replies: Reply[]) => interceptRequests(vendor.endpoint, replies);
	const run = (input: Partial<RunInput> & { items: IDataObject[] }) =>
		runNode({ parameters: vendor.parameters, ...input });
	const [first, second] = vendor.items;
	const received = (sent: Array<{ uri: string; body: unknown }>) =>
		sent.map(({ uri, body }) => ({ uri, body }));

	it('sends each item as the vendor documents it, with the credential, and pairs one contact to each', async () => {
		const { scope, sent } = intercept(vendor.answers.map((answer) => ok(answer, 201)));

		const output = await run({
			items: vendor.items,
			parameters: { ...vendor.parameters, options: { concurrency: 1 } },
		});

		scope.done();
		expect(unmatched).toEqual([]);
		expect(received(sent)).toStrictEqual(vendor.received);
		for (const [name, value] of Object.entries(vendor.endpoint.reqheaders)) {
			expect(sent[0].headers[name]).toBe(value);
		}
		expect(output).toStrictEqual([
			vendor.outputs.map((json, item) => ({ json, pairedItem: { item } })),
		]);
	});

	it('returns the answer exactly as the vendor sent it when Simplify is off', async () => {
		const { scope } = intercept([ok(vendor.answers[1])]);

		const output = await run({
			items: [second],
			parameters: { ...vendor.parameters, simplify: false },
		});

		scope.done();
		expect(output).toStrictEqual([[{ json: vendor.answers[1], pairedItem: { item: 0 } }]]);
	});

	it('appends the documented path to a Base URL with a path prefix and a trailing slash', async () => {
		const { scope, sent } = interceptRequests(
			{ ...vendor.endpoint, origin: vendor.proxy.origin, path: /./ },
			[ok(vendor.answers[0])],
		);

		await run({ items: [first], credentials: vendor.proxy.credentials });

		scope.done();
		expect(sent.map((request) => request.uri)).toEqual([vendor.proxy.uri]);
		expect(unmatched).toEqual([]);
	});

	it('stops at an invalid item, naming it; under "continue" it becomes an error item in place', async () => {
		const stopped = intercept([ok(vendor.answers[0])]);
		const error = await runExpectingError({
			parameters: vendor.parameters,
			items: [first, vendor.invalid.item],
		});
		stopped.scope.done();
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(vendor.invalid.message);
		expect(error.description).toBe(fixWord(vendor.invalid.label));
		expect(error.context.itemIndex).toBe(1);

		const { scope, sent } = intercept(vendor.answers.map((answer) => ok(answer)));
		const output = await run({
			items: [first, vendor.invalid.item, second],
			parameters: { ...vendor.parameters, options: { concurrency: 1 } },
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(received(sent)).toStrictEqual(vendor.received);
		expect(output).toStrictEqual([
			[
				{ json: vendor.outputs[0], pairedItem: { item: 0 } },
				{
					json: { error: vendor.invalid.message, message: fixWord(vendor.invalid.label) },
					pairedItem: { item: 1 },
				},
				{ json: vendor.outputs[1], pairedItem: { item: 2 } },
			],
		]);
		expect(unmatched).toEqual([]);
	});

	it('fails an item the vendor refuses with the vendor\'s message, sent once; under "continue" the next item goes on', async () => {
		const { status, body, message, description } = vendor.refusal;
		const refused = intercept([
			{ status, body },
			{ status, body },
		]);
		const error = await runExpectingError({ parameters: vendor.parameters, items: [first] });
		expect(refused.sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(message);
		expect(error.description).toBe(description);
		expect((error as NodeApiError).httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(0);
		nock.cleanAll();

		const { scope } = intercept([{ status, body }, ok(vendor.answers[1])]);
		const output = await run({
			items: [first, second],
			parameters: { ...vendor.parameters, options: { concurrency: 1 } },
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(output).toStrictEqual([
			[
				{ json: { error: message, message: description }, pairedItem: { item: 0 } },
				{ json: vendor.outputs[1], pairedItem: { item: 1 } },
			],
		]);
	});

	it('retries a 503 with the identical request and returns the contact; with Max Retries 0 it fails at once', async () => {
		const unavailable = { status: 503, body: vendor.unavailable, headers: { 'Retry-After': '0' } };
		const retried = intercept([unavailable, ok(vendor.answers[0])]);
		const [output] = await run({ items: [first] });
		retried.scope.done();
		expect(received(retried.sent)).toStrictEqual([vendor.received[0], vendor.received[0]]);
		expect(output).toStrictEqual([{ json: vendor.outputs[0], pairedItem: { item: 0 } }]);

		const once = intercept([unavailable, unavailable]);
		const error = await runExpectingError({
			parameters: { ...vendor.parameters, options: { maxRetries: 0 } },
			items: [first],
		});
		expect(once.sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`${vendor.displayName} answered 503: Service Unavailable`);
		expect((error as NodeApiError).httpCode).toBe('503');
	});

	describe('the credential never shows up', () => {
		const expectNoSecret = (value: unknown) =>
			expect(everythingIn(value)).not.toContain(vendor.secret);

		it('in simplified and raw output', async () => {
			const { scope } = intercept([ok(vendor.answers[0]), ok(vendor.answers[0])]);

			const simplified = await run({ items: [first] });
			const raw = await run({
				items: [first],
				parameters: { ...vendor.parameters, simplify: false },
			});

			scope.done();
			expect([simplified[0], raw[0]].map((items) => items.length)).toEqual([1, 1]);
			expectNoSecret([simplified, raw]);
		});

		it.each<[string, () => void, IDataObject]>([
			['invalid input', () => undefined, vendor.invalid.item],
			[
				'a refusal',
				() => intercept([{ status: vendor.refusal.status, body: vendor.refusal.body }]),
				first,
			],
			[
				'a connection failure',
				() =>
					nock(vendor.endpoint.origin)
						.post(vendor.endpoint.path)
						.query(true)
						.replyWithError(
							Object.assign(new Error('connect ECONNREFUSED 203.0.113.7:443'), {
								code: 'ECONNREFUSED',
							}),
						),
				first,
			],
		])('in the error and the error item after %s', async (_case, answer, item) => {
			const parameters = { ...vendor.parameters, options: { maxRetries: 0 } };
			answer();
			const error = await runExpectingError({ parameters, items: [item] });
			expect(error.message).not.toBe('');
			expectNoSecret(error);
			expectNoSecret({ description: error.description, context: error.context });

			answer();
			const output = await runNode({ parameters, items: [item], onError: 'continueRegularOutput' });
			expect(output[0][0].json.error).toBe(error.message);
			expectNoSecret(output);
		});
	});
});

describe.each(VENDOR_RUNS.filter((vendor) => vendor.typed))(
	'$displayName in a whole run',
	(vendor) => {
		const typed = vendor.typed!;

		it(`sends what an expression hands over (objects, numbers, booleans): ${typed.maps}`, async () => {
			const { scope, sent } = interceptRequests(vendor.endpoint, [ok(vendor.answers[0])]);

			await runNode({ items: [typed.item], parameters: typed.parameters });

			scope.done();
			expect(sent.map((request) => request.body)).toStrictEqual([typed.body]);
		});
	},
);
