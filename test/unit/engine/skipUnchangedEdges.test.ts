import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import queued from '../fixtures/hypersender/queued.json';
import { testCredentials } from '../helpers/credentials';
import { deduplicationStore, type FakeDeduplicationStore } from '../helpers/dedupStore';
import { runNode, type RunInput } from '../helpers/runNode';
import { UPSERT_CASES } from '../helpers/upsertCases';
import { guardUnmatchedRequests, runExpectingError } from '../helpers/vendorHttp';

/**
 * Skip Unchanged Contacts where a contact could be skipped although the vendor does not hold its
 * values: a failing store, a request still queued, another key in the same credential, a row
 * with the option off, two versions of one contact in one run.
 */

const RAMPWIN = 'https://api.rampwin.com';
const CHANNEL = '65f1c2a9b7e4d3c2a1f0e9d8';
const HYPERSENDER = UPSERT_CASES.find((upsert) => upsert.provider === 'hypersender')!;

const unmatched = guardUnmatchedRequests();
let store: FakeDeduplicationStore;
let received: IDataObject[];

beforeAll(async () => {
	store = await deduplicationStore();
});

beforeEach(() => {
	store.reset();
	received = [];
	nock(RAMPWIN)
		.persist()
		.post('/api/contacts/insertOrUpdate')
		.query({ channel_id: CHANNEL })
		.reply((_uri, body) => {
			received.push(body as IDataObject);
			const phone = (body as IDataObject).phone_number;
			return [200, { success: true, data: { _id: 'id-1', phone_number: phone } }];
		});
});

afterEach(() => {
	jest.restoreAllMocks();
	expect(unmatched).toEqual([]);
});

function rampwin(options: IDataObject = {}): INodeParameters {
	return {
		provider: 'rampwin',
		rampwinChannelId: CHANNEL,
		phoneNumber: '={{ $json.phone }}',
		additionalFields: { firstName: '={{ $json.name }}' },
		options: { skipUnchanged: true, ...options },
	};
}

const ANA = { phone: '+56961234567', name: 'Ana' };
const BOB = { phone: '+12135550142', name: 'Bob' };

async function run(input: Partial<RunInput> & { items: IDataObject[] }) {
	const before = received.length;
	await runNode({ parameters: rampwin(), ...input });
	return received.slice(before).map((body) => body.first_name);
}

describe('a store that fails after it recorded the checked contacts', () => {
	const busy = () => new Error('SQLITE_BUSY: database is locked');

	it('removing them works the second time: the run goes on and nothing unsent stays remembered', async () => {
		jest.spyOn(store, 'removeProcessed').mockRejectedValueOnce(busy());
		expect(await run({ items: [ANA, BOB] })).toEqual(['Ana', 'Bob']);
		expect(await run({ items: [ANA, BOB] })).toEqual([]);
	});

	it.each([
		[
			'the memory is cleared, so the next run sends every item',
			false,
			"To be safe this node's memory was cleared: the next run sends every item once, then skips again.",
			['Ana', 'Bob'],
		],
		[
			'clearing fails too: the error says to run once with Forget Remembered Contacts',
			true,
			'Some contacts may now count as sent although they were not: run once with Options → Forget Remembered Contacts on, or turn the option off.',
			[],
		],
	])('removing them fails twice: %s', async (_name, clearFails, next, nextRunSends) => {
		await run({ items: [ANA] });
		jest.spyOn(store, 'removeProcessed').mockRejectedValue(busy());
		if (clearFails) jest.spyOn(store, 'clearAllProcessedItems').mockRejectedValue(busy());

		const error = await runExpectingError({ parameters: rampwin(), items: [ANA, BOB] });
		expect(error.message).toBe(
			"Skip Unchanged Contacts could not read this node's memory: SQLITE_BUSY: database is locked",
		);
		expect(error.description).toBe(
			`The option keeps what was sent in n8n's database (the store the Remove Duplicates node uses too). Nothing was sent. ${next}`,
		);
		expect(received).toEqual([expect.objectContaining({ first_name: 'Ana' })]);

		jest.restoreAllMocks();
		// What the next run sends shows what the failed run left remembered.
		expect(await run({ items: [ANA, BOB] })).toEqual(nextRunSends);
	});

	it('a Preview Only run whose removal fails leaves nothing unsent remembered either', async () => {
		jest.spyOn(store, 'removeProcessed').mockRejectedValue(busy());
		await expect(
			runNode({ parameters: rampwin({ previewOnly: true }), items: [ANA] }),
		).rejects.toThrow("could not read this node's memory");
		jest.restoreAllMocks();
		expect(await run({ items: [ANA] })).toEqual(['Ana']);
	});
});

describe('what the vendor may not hold is not remembered', () => {
	it('a request the vendor only queued is sent again next run', async () => {
		const upserts: unknown[] = [];
		nock(HYPERSENDER.origin)
			.persist()
			.post(HYPERSENDER.path)
			.reply((_uri, body) => {
				upserts.push(body);
				return [200, queued];
			});
		const parameters = {
			...HYPERSENDER.parameters,
			options: { skipUnchanged: true, waitForQueuedRequest: false },
		};

		for (let night = 1; night <= 2; night++) {
			const [output] = await runNode({ parameters, items: [HYPERSENDER.item] });
			expect(output[0].json.skipped).toBeUndefined();
		}
		expect(upserts).toHaveLength(2);
	});

	it.each([
		[
			'another API key in the same credential',
			{ apiKey: `${testCredentials.rampwinApi.apiKey}-2` },
		],
		['another Base URL (a proxy to another account)', { baseUrl: `${RAMPWIN}/eu` }],
	])('%s sends every contact again', async (_name, change) => {
		await run({ items: [ANA, BOB] });
		if ('baseUrl' in change) {
			nock(RAMPWIN)
				.post('/eu/api/contacts/insertOrUpdate')
				.query({ channel_id: CHANNEL })
				.times(2)
				.reply((_uri, body) => {
					received.push(body as IDataObject);
					return [200, { success: true, data: { _id: 'id-2' } }];
				});
		}
		const credentials = { rampwinApi: { ...testCredentials.rampwinApi, ...change } };
		expect(await run({ items: [ANA, BOB], credentials })).toEqual(['Ana', 'Bob']);
	});
});

describe('rows for one contact in one run decide together', () => {
	it('a row with the option off still counts: a later identical row is sent after it', async () => {
		await run({ items: [ANA] });
		const bea = { ...ANA, name: 'Bea', skip: false };
		const parameters = rampwin({ skipUnchanged: '={{ $json.skip !== false }}' });

		expect(await run({ parameters, items: [bea, ANA] })).toEqual(['Bea', 'Ana']);
	});

	it('only the last version of a contact sent in a run is remembered', async () => {
		const anna = { ...ANA, name: 'Anna' };
		expect(await run({ items: [ANA, anna] })).toEqual(['Ana', 'Anna']);
		// The vendor holds Anna: Ana is a change.
		expect(await run({ items: [ANA] })).toEqual(['Ana']);
	});

	it('a preview row never decides a real row', async () => {
		await run({ items: [ANA] });
		const bea = { ...ANA, name: 'Bea', preview: true };
		const parameters = rampwin({ previewOnly: '={{ $json.preview === true }}' });

		expect(await run({ parameters, items: [bea, ANA] })).toEqual([]);
	});

	it.each([
		['the first row is a preview', [true, false]],
		['the last row is a preview', [false, true]],
	])('Forget in a run where %s still forgets, for the rows that send', async (_name, previews) => {
		await run({ items: [ANA, BOB] });
		const items = [ANA, BOB].map((item, index) => ({ ...item, preview: previews[index] }));
		const parameters = rampwin({
			previewOnly: '={{ $json.preview === true }}',
			forgetRemembered: true,
		});
		const sentNames = items.filter(({ preview }) => !preview).map(({ name }) => name);

		expect(await run({ parameters, items })).toEqual(sentNames);
		// The preview row's contact was forgotten too: the next run sends it again.
		const previewed = items.filter(({ preview }) => preview);
		expect(await run({ items: previewed })).toEqual(previewed.map(({ name }) => name));
	});
});
