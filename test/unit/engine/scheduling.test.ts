import nock from 'nock';
import { sleep, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';

import { runNode } from '../helpers/runNode';
import { rampwinItemParameters as rampwinParameters } from '../helpers/vendorHttp';

const RAMPWIN = 'https://api.rampwin.com';
const PATH = '/api/contacts/insertOrUpdate';
const ANA = '+56961234567';
const BOB = '+12135550142';

interface Sent {
	phone: string;
	name: string;
}

/**
 * A Rampwin that records every request and answers once `hold(name)` resolves; tracks the most
 * requests for one phone number in flight at once.
 */
function rampwinRecording(hold: (name: string) => Promise<void>) {
	const arrivals: Sent[] = [];
	const inFlight = new Map<string, number>();
	let peakPerContact = 0;
	let peakOverall = 0;
	let overall = 0;
	let arrived: () => void = () => undefined;
	const firstArrival = new Promise<void>((resolve) => (arrived = resolve));
	const scope = nock(RAMPWIN)
		.persist()
		.post(PATH)
		.query(true)
		.reply(async (_uri, body) => {
			const { phone_number: phone, first_name: name } = body as Record<string, string>;
			arrivals.push({ phone, name });
			arrived();
			inFlight.set(phone, (inFlight.get(phone) ?? 0) + 1);
			overall++;
			peakPerContact = Math.max(peakPerContact, inFlight.get(phone) ?? 0);
			peakOverall = Math.max(peakOverall, overall);
			await hold(name);
			inFlight.set(phone, (inFlight.get(phone) ?? 0) - 1);
			overall--;
			return [200, { success: true, data: { _id: `id-${name}`, phone_number: phone } }];
		});
	return {
		arrivals,
		firstArrival,
		peaks: () => ({ perContact: peakPerContact, overall: peakOverall }),
		stop: () => scope.persist(false),
	};
}

/**
 * Sends Ana's one item with these Options while Rampwin answers as `answer` sets up its
 * interceptor; `cancelIn(ms)` cancels the execution that long after it is called.
 */
function sendAnaAndCancel(
	answer: (attempt: nock.Interceptor, cancelIn: (ms: number) => void) => nock.Scope,
	options: INodeParameters,
	onError?: INode['onError'],
) {
	const cancel = new AbortController();
	answer(nock(RAMPWIN).post(PATH).query(true), (ms) => void sleep(ms).then(() => cancel.abort()));
	return runNode({
		parameters: rampwinParameters(options),
		items: [{ phone: ANA, name: 'ana' }],
		onError,
		signal: cancel.signal,
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('same contact, one at a time, in arrival order', () => {
	it('never has two requests for one contact in flight, within a run and across runs, and the later row wins', async () => {
		let bobTwoArrived: () => void = () => undefined;
		const bobTwo = new Promise<void>((resolve) => (bobTwoArrived = resolve));
		// Ana's first request is answered only once Bob's second one has arrived: a loop stuck
		// behind Ana's line would never send it.
		const vendor = rampwinRecording(async (name) => {
			if (name === 'bob-2') bobTwoArrived();
			if (name === 'ana-1') await bobTwo;
			await sleep(10);
		});

		const first = runNode({
			parameters: rampwinParameters({ concurrency: 5 }),
			items: [
				{ phone: ANA, name: 'ana-1' },
				{ phone: BOB, name: 'bob-1' },
				{ phone: '+56 9 6123 4567', name: 'ana-2' },
				{ phone: BOB, name: 'bob-2' },
			],
		});
		await vendor.firstArrival;
		// A second execution for the same account, arriving while the first is busy with Ana.
		const second = runNode({
			parameters: rampwinParameters({ concurrency: 5 }),
			items: [{ phone: ANA, name: 'ana-3' }],
		});
		const [[firstOutput], [secondOutput]] = await Promise.all([first, second]);
		vendor.stop();

		const ana = vendor.arrivals.filter((sent) => sent.phone === ANA).map((sent) => sent.name);
		expect(ana).toEqual(['ana-1', 'ana-2', 'ana-3']);
		expect(vendor.peaks().perContact).toBe(1);
		// Bob was not held up behind Ana's slow first request.
		expect(vendor.arrivals.findIndex((sent) => sent.name === 'bob-2')).toBeLessThan(
			vendor.arrivals.findIndex((sent) => sent.name === 'ana-2'),
		);
		expect(firstOutput.map((item) => item.json.contactId)).toEqual([
			'id-ana-1',
			'id-bob-1',
			'id-ana-2',
			'id-bob-2',
		]);
		expect(firstOutput.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		expect(secondOutput[0].json.contactId).toBe('id-ana-3');
	});

	it('keeps sending other contacts while one contact has a long line', async () => {
		const others = 12;
		let othersArrived: () => void = () => undefined;
		const allOthersArrived = new Promise<void>((resolve) => (othersArrived = resolve));
		const vendor = rampwinRecording(async (name) => {
			const sentOthers = vendor.arrivals.filter((sent) => sent.name.startsWith('other'));
			if (sentOthers.length === others) othersArrived();
			// Ana's first request is answered only once every other contact has been sent: a
			// loop that waited behind Ana's line would never get there.
			if (name === 'ana-0') await allOthersArrived;
		});
		const items: IDataObject[] = [
			...Array.from({ length: 6 }, (_, index) => ({ phone: ANA, name: `ana-${index}` })),
			...Array.from({ length: others }, (_, index) => ({
				phone: `+5696123${String(5000 + index)}`,
				name: `other-${index}`,
			})),
		];

		const [output] = await runNode({ parameters: rampwinParameters({ concurrency: 4 }), items });
		vendor.stop();

		const arrivals = vendor.arrivals.map((sent) => sent.name);
		expect(arrivals.filter((name) => name.startsWith('ana'))).toEqual(
			items.slice(0, 6).map((item) => item.name),
		);
		expect(arrivals.indexOf('ana-1')).toBeGreaterThan(arrivals.indexOf(`other-${others - 1}`));
		expect(vendor.peaks().overall).toBeLessThanOrEqual(4);
		expect(output.map((item) => item.json.contactId)).toEqual(
			items.map((item) => `id-${item.name}`),
		);
	});
});

describe('cancel means stop', () => {
	it('ends every kind of wait at once and says which items were not sent', async () => {
		const cancel = new AbortController();
		const sent: string[] = [];
		nock(RAMPWIN)
			.persist()
			.post(PATH)
			.query(true)
			.reply((_uri, body) => {
				const { first_name: name } = body as Record<string, string>;
				sent.push(name);
				if (name === 'ana-1') {
					// The vendor asks for a minute; the execution is cancelled meanwhile.
					void sleep(50).then(() => cancel.abort());
					return [429, { success: false, message: 'Too many requests' }, { 'Retry-After': '60' }];
				}
				return [200, { success: true, data: { _id: `id-${name}` } }];
			});

		const [output] = await runNode({
			parameters: rampwinParameters({ concurrency: 1 }),
			items: [
				// Waits for the account's pause after its 429 (holding the run's only slot).
				{ phone: ANA, name: 'ana-1' },
				// Waits in Ana's line.
				{ phone: ANA, name: 'ana-2' },
				// Wait for the run's request slot.
				{ phone: BOB, name: 'bob-1' },
				// Never started: the run stops taking items.
				...Array.from({ length: 8 }, (_, index) => ({ phone: BOB, name: `late-${index}` })),
			],
			onError: 'continueRegularOutput',
			signal: cancel.signal,
		});

		expect(sent).toEqual(['ana-1']);
		expect(output).toHaveLength(11);
		expect(output[0].json).toEqual({
			error: 'The execution was cancelled while this contact waited to be sent to Rampwin again',
			message:
				'Rampwin may or may not have saved it. Running the item again is safe: the vendor updates the same contact.',
		});
		for (const item of output.slice(1)) {
			expect(item.json).toEqual({
				error: 'The execution was cancelled before this contact was sent',
				message: 'Nothing was sent for this item.',
			});
		}
		expect(output.map((item) => item.pairedItem)).toEqual(
			output.map((_item, index) => ({ item: index })),
		);
	}, 10_000);

	it('ends a backoff after a 503 at once', async () => {
		const [[item]] = await sendAnaAndCancel(
			(attempt, cancelIn) =>
				attempt.reply(() => {
					cancelIn(20);
					return [503, { message: 'busy' }];
				}),
			{ maxRetries: 10 },
			'continueRegularOutput',
		);

		expect(item.json.error).toBe(
			'The execution was cancelled while this contact waited to be sent to Rampwin again',
		);
	}, 10_000);

	it('aborts a request in flight and says so instead of "could not reach"', async () => {
		const error = await sendAnaAndCancel((attempt, cancelIn) => {
			cancelIn(100);
			return attempt.delay(2_000).reply(200, { success: true, data: { _id: 'late' } });
		}, {}).catch((caught: unknown) => caught);

		expect((error as Error).message).toBe(
			'The execution was cancelled while this contact was being sent to Rampwin (the request was aborted)',
		);
	}, 10_000);
});
