import nock from 'nock';
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { runNode } from '../helpers/runNode';
import { chatbotxParameters } from '../helpers/vendorHttp';
import conflict from '../fixtures/chatbotx/error-409-idempotency-key-conflict.json';

const RAMPWIN = 'https://api.rampwin.com';
const PATH = '/api/contacts/insertOrUpdate';
const CHATBOTX = 'https://app.chatbotx.io';
const JANE_PATH = '/api/v1/contacts/email%3Ajane%40example.com/upsert';
const RATE_LIMIT_ADVICE =
	'Raise Options → Max Wait for Rate Limits, lower Options → Concurrency or send fewer contacts at once (every execution in this n8n process shares one budget per account), or ask the vendor for a higher rate limit. Repeating the item is safe.';

function rampwinParameters(options: INodeParameters): INodeParameters {
	return {
		provider: 'rampwin',
		rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
		phoneNumber: '={{ $json.phone }}',
		options,
	};
}

function rampwinAccepts(times: number) {
	return nock(RAMPWIN)
		.post(PATH)
		.query(true)
		.times(times)
		.reply(200, (_uri, body) => ({ success: true, data: { _id: 'saved', ...(body as object) } }));
}

/** Runs these items (each one's `phone` mapped) with these Options under continue-on-fail. */
async function runRampwin(options: INodeParameters, items: IDataObject[]) {
	const [output] = await runNode({
		parameters: rampwinParameters(options),
		items,
		onError: 'continueRegularOutput',
	});
	return output;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('per-item options fail only their item', () => {
	it('fails only the item whose Options expression cannot be resolved, item 0 included', async () => {
		const scope = rampwinAccepts(1);

		const output = await runRampwin(
			{
				maxRetries: "={{ $json.fromNode ? $('Retry Settings').item.json.retries : 1 }}",
			},
			[{ phone: '+56961234567', fromNode: true }, { phone: '+56961234568' }],
		);

		expect(output[0].json.error).toBe("Referenced node doesn't exist");
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json.contactId).toBe('saved');
		scope.done();
	});

	it('fails only the item whose option value is out of range, naming it', async () => {
		const scope = rampwinAccepts(1);

		const output = await runRampwin({ maxRateLimitWait: '={{ $json.wait }}' }, [
			{ phone: '+56961234567', wait: 30 },
			{ phone: '+56961234568', wait: -1 },
		]);

		expect(output[0].json.contactId).toBe('saved');
		expect(output[1].json).toEqual({
			error:
				'"Max Wait for Rate Limits" of item 1 must be a whole number of seconds from 0 to 86400',
			message: 'Fix Options → Max Wait for Rate Limits (or the data mapped into it).',
		});
		scope.done();
	});

	it('reads Concurrency once for the whole run, from the first item', async () => {
		const scope = rampwinAccepts(2);

		const output = await runRampwin({ concurrency: '={{ $json.concurrency }}' }, [
			{ phone: '+56961234567', concurrency: 2 },
			{ phone: '+56961234568', concurrency: 'ignored' },
		]);

		expect(output.map((item) => item.json.contactId)).toEqual(['saved', 'saved']);
		scope.done();
	});

	it('stops the run when Concurrency cannot be used, saying it applies to the whole run', async () => {
		const error = await runRampwin({ concurrency: '={{ $json.concurrency }}' }, [
			{ phone: '+56961234567', concurrency: 0 },
		]).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			'"Concurrency" must be a whole number from 1 to 100',
		);
		expect((error as NodeOperationError).description).toMatch(/read once, with the first item/);
	});
});

describe('rate-limit waits are not failed attempts', () => {
	it('keeps waiting out 429s with Max Retries 0 until Max Wait for Rate Limits runs out, then says what to change', async () => {
		let requests = 0;
		nock(RAMPWIN)
			.persist()
			.post(PATH)
			.query(true)
			.reply(() => {
				requests++;
				return [429, { success: false, message: 'Too many requests' }, { 'Retry-After': '1' }];
			});

		const [item] = await runRampwin({ maxRetries: 0, maxRateLimitWait: 3 }, [
			{ phone: '+56961234567' },
		]);

		expect(requests).toBeGreaterThan(1);
		expect(item.json.error).toMatch(
			/^Rampwin is rate limiting: Too many requests \(.*Options → Max Wait for Rate Limits \(3 s\)/,
		);
		expect(item.json.message).toBe(RATE_LIMIT_ADVICE);
	}, 10_000);
});

describe("ChatbotX's 409 idempotencyKeyConflict", () => {
	it('waits and retries with the same Idempotency-Key while the first attempt is being processed', async () => {
		const keys: string[] = [];
		const scope = nock(CHATBOTX)
			.post(JANE_PATH)
			.reply(function () {
				keys.push(String(this.req.headers['idempotency-key']));
				return [409, conflict];
			})
			.post(JANE_PATH)
			.reply(function () {
				keys.push(String(this.req.headers['idempotency-key']));
				return [200, { id: '11590944070189056', email: 'jane@example.com' }];
			});

		const [[item]] = await runNode({
			parameters: chatbotxParameters('jane@example.com', { maxRetries: 1 }),
		});

		expect(item.json.contactId).toBe('11590944070189056');
		expect(keys).toHaveLength(2);
		expect(keys[0]).not.toBe('undefined');
		expect(keys[1]).toBe(keys[0]);
		scope.done();
	});

	it('says the contact is probably being saved once Max Retries runs out', async () => {
		const scope = nock(CHATBOTX).post(JANE_PATH).times(2).reply(409, conflict);

		const [[item]] = await runNode({
			parameters: chatbotxParameters('jane@example.com', { maxRetries: 1 }),
			onError: 'continueRegularOutput',
		});

		expect(item.json).toEqual({
			error:
				'ChatbotX answered 409 after 2 attempts: A request with this Idempotency-Key is still being processed',
			message:
				'The first attempt for this item is probably still being saved (the vendor is processing a request with the same Idempotency-Key). Running the item again is safe: the vendor updates the same contact.',
		});
		scope.done();
	});
});
