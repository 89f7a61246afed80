import nock from 'nock';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { runNode } from '../helpers/runNode';
import { rampwinItemParameters as rampwinParameters } from '../helpers/vendorHttp';

const RAMPWIN = 'https://api.rampwin.com';
const PATH = '/api/contacts/insertOrUpdate';
const CHANNEL = '65f1c2a9b7e4d3c2a1f0e9d8';

function ok(phone: string) {
	return {
		success: true,
		message: 'Contact inserted or updated successfully',
		data: { _id: `id-${phone.slice(-4)}`, phone_number: phone },
	};
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('one output item per input item', () => {
	it('keeps order, pairs every item and routes failures to error items under continue on fail', async () => {
		const scope = nock(RAMPWIN)
			.post(PATH, { phone_number: '+56961234567', first_name: 'Ana' })
			.query({ channel_id: CHANNEL })
			.reply(200, ok('+56961234567'))
			.post(PATH, { phone_number: '+12135550142', first_name: 'Bob' })
			.query({ channel_id: CHANNEL })
			.reply(400, { success: false, message: 'Validation error' })
			.post(PATH, { phone_number: '+5511987654321', first_name: 'Caio' })
			.query({ channel_id: CHANNEL })
			.reply(200, ok('+5511987654321'));

		const [output] = await runNode({
			parameters: rampwinParameters({ concurrency: 2, maxRetries: 0 }),
			items: [
				{ phone: '+56 9 6123 4567', name: 'Ana' },
				{ phone: 'not a phone', name: 'Nobody' },
				{ phone: '+1 (213) 555-0142', name: 'Bob' },
				{ phone: '+55 11 98765-4321', name: 'Caio' },
			],
			onError: 'continueRegularOutput',
		});

		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json).toEqual({
			provider: 'rampwin',
			contactId: 'id-4567',
			name: null,
			email: null,
			phoneNumber: '+56961234567',
		});
		expect(output[1].json).toEqual({
			error:
				'"Phone Number" of item 1: "not a phone" may contain only digits, spaces, dashes, dots, brackets and a leading +.',
			message:
				'Fix the "Phone Number" field (or the data mapped into it) for this item. No request was sent for it.',
		});
		expect(output[2].json.error).toBe('Rampwin answered 400: Validation error');
		expect(output[2].json.message).toBe(
			"The vendor refused this item. Check the item's values against the field descriptions.",
		);
		expect(output[3].json.contactId).toBe('id-4321');
		scope.done();
	});

	it('gives error items only the keys n8n error output accepts', async () => {
		const [output] = await runNode({
			parameters: rampwinParameters(),
			items: [
				{ phone: '', name: 'x' },
				{ phone: '123', name: 'y' },
			],
			onError: 'continueErrorOutput',
		});
		for (const item of output) {
			const keys = Object.keys(item.json).sort();
			expect([['error'], ['error', 'message']]).toContainEqual(keys);
		}
	});

	it('without continue on fail, throws the failing item with its index and stops taking new items', async () => {
		const scope = nock(RAMPWIN)
			.post(PATH, { phone_number: '+56961234567', first_name: 'Ana' })
			.query(true)
			.reply(200, ok('+56961234567'));

		const error = await runNode({
			parameters: rampwinParameters({ concurrency: 1 }),
			items: [
				{ phone: '+56961234567', name: 'Ana' },
				{ phone: '+56 9', name: 'Short' },
				{ phone: '+12135550142', name: 'Never sent' },
			],
		}).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect((error as NodeOperationError).message).toBe(
			'"Phone Number" of item 1: "+56 9" has too few digits for a phone number.',
		);
		scope.done();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('throws a vendor failure as a NodeApiError carrying the item index and HTTP status', async () => {
		nock(RAMPWIN).post(PATH).query(true).reply(401, { success: false, message: 'Unauthorized' });

		const error = await runNode({
			parameters: rampwinParameters(),
			items: [{ phone: '+56961234567', name: 'Ana' }],
		}).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Rampwin answered 401: Unauthorized');
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).context.itemIndex).toBe(0);
		expect((error as NodeApiError).description).toBe(
			'Check the API key in the Rampwin credential.',
		);
	});

	it('returns N items for N inputs across a mixed batch of 40', async () => {
		const scope = nock(RAMPWIN)
			.post(PATH)
			.query(true)
			.times(30)
			.reply(200, (_uri, body) => ok((body as { phone_number: string }).phone_number));
		const items = Array.from({ length: 40 }, (_, index) => ({
			phone: index % 4 === 3 ? 'bad' : `+5696123${String(4000 + index)}`,
			name: `Contact ${index}`,
		}));

		const [output] = await runNode({
			parameters: rampwinParameters({ concurrency: 7 }),
			items,
			onError: 'continueRegularOutput',
		});

		expect(output).toHaveLength(40);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index % 4 === 3) expect(item.json.error).toMatch(`of item ${index}`);
			else expect(item.json.phoneNumber).toBe(`+5696123${String(4000 + index)}`);
		});
		scope.done();
	});
});

describe('a 2xx that reports a failure', () => {
	it('fails the item with the vendor message when Rampwin answers 200 with success false', async () => {
		nock(RAMPWIN).post(PATH).query(true).reply(200, { success: false, message: 'Invalid channel' });

		const [[item]] = await runNode({
			parameters: rampwinParameters(),
			items: [{ phone: '+56961234567', name: 'Ana' }],
			onError: 'continueRegularOutput',
		});

		expect(item.json).toEqual({
			error: 'Rampwin answered 200: Invalid channel',
			message: 'Check the Channel ID: it must be one of your Rampwin WhatsApp channels.',
		});
	});

	it('fails the item when Hypersender says data.success is false', async () => {
		nock('https://app.hypersender.com')
			.post('/api/whatsapp/v2/9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15/contacts/upsert')
			.reply(200, { message: 'Contact could not be saved.', data: { success: false } });

		const [[item]] = await runNode({
			parameters: { provider: 'hypersender', chatId: '+1 213 213 2130', firstName: 'John' },
			onError: 'continueRegularOutput',
		});

		expect(item.json.error).toBe('Hypersender answered 200: Contact could not be saved.');
	});
});

describe('as an AI agent tool', () => {
	it('hands a failure back to the agent as a readable item instead of failing the run', async () => {
		nock(RAMPWIN).post(PATH).query(true).reply(400, { success: false, message: 'Invalid channel' });

		const [output] = await runNode({
			parameters: rampwinParameters(),
			items: [{ phone: '+56961234567', name: 'Ana' }],
			asTool: true,
		});

		expect(output).toEqual([
			{
				json: {
					error: 'Rampwin answered 400: Invalid channel',
					message: 'Check the Channel ID: it must be one of your Rampwin WhatsApp channels.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('tells the agent which field to fix when its input is invalid', async () => {
		const [output] = await runNode({
			parameters: rampwinParameters(),
			items: [{ phone: 'call me', name: 'Ana' }],
			asTool: true,
		});

		expect(output[0].json.error).toBe(
			'"Phone Number" of item 0: "call me" may contain only digits, spaces, dashes, dots, brackets and a leading +.',
		);
	});
});

describe('concurrency', () => {
	it.each([1, 3, 8])(
		'never has more than %i requests in flight and keeps input order',
		async (concurrency) => {
			let inFlight = 0;
			let peak = 0;
			nock(RAMPWIN)
				.post(PATH)
				.query(true)
				.times(20)
				.reply(async (_uri, body) => {
					inFlight++;
					peak = Math.max(peak, inFlight);
					const phone = (body as { phone_number: string }).phone_number;
					// Later items answer sooner, so completion order differs from input order. Each
					// answer takes long enough that the account's slow-start window (4, then one more
					// per answer) has reached Concurrency while the first answers are still out.
					await sleep(100 + (20 - Number(phone.slice(-2))) * 2);
					inFlight--;
					return [200, ok(phone)];
				});
			const items = Array.from({ length: 20 }, (_, index) => ({
				phone: `+569612345${String(index).padStart(2, '0')}`,
				name: 'x',
			}));

			const [output] = await runNode({ parameters: rampwinParameters({ concurrency }), items });

			expect(peak).toBe(concurrency);
			expect(output.map((item) => item.json.phoneNumber)).toEqual(items.map((item) => item.phone));
		},
	);
});
