import fc from 'fast-check';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { SKIP_REASON } from '../../../nodes/engine/steps/unchanged';
import { deduplicationStore, type FakeDeduplicationStore } from '../helpers/dedupStore';
import { runNode } from '../helpers/runNode';

/**
 * Skip Unchanged Contacts over random sequences of runs: rows drawn from a few people written in
 * several spellings, some vendors refusing some numbers, varying Remember Up To and Forget. Whatever
 * the sequence, every input gives one paired output, an item is skipped only when exactly what it
 * would send succeeded before, an item whose request never succeeded is always sent, and a run
 * makes a handful of store calls.
 */

const RAMPWIN = 'https://api.rampwin.com';
const CHANNEL = '65f1c2a9b7e4d3c2a1f0e9d8';

/** Each person with the spellings that make the same request. */
const PEOPLE = [
	{ phone: '+56961234567', spellings: ['+56961234567', '+56 9 6123 4567', '(+56) 9-6123-4567'] },
	{
		phone: '+12135550142',
		spellings: ['+12135550142', '+1 (213) 555-0142', '\u200e+1 213 555 0142'],
	},
	{ phone: '+5511987654321', spellings: ['+5511987654321', '+55 11 98765-4321'] },
];
const NAMES = ['Ana', 'Bea', ' Ana '];
const TAGS = ['', 'vip', 'vip, new'];

const row = fc.record({
	person: fc.nat({ max: PEOPLE.length - 1 }),
	spelling: fc.nat({ max: 2 }),
	name: fc.nat({ max: NAMES.length - 1 }),
	tags: fc.nat({ max: TAGS.length - 1 }),
});

const runSpec = fc.record({
	rows: fc.array(row, { minLength: 1, maxLength: 8 }),
	refused: fc.subarray(PEOPLE.map(({ phone }) => phone)),
	forget: fc.boolean(),
	concurrency: fc.integer({ min: 1, max: 4 }),
});

let store: FakeDeduplicationStore;
beforeAll(async () => {
	store = await deduplicationStore();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

/** What the node sends for a row, as the vendor sees it: the request that decides. */
function sentAs(person: number, name: number, tags: number): string {
	const tagList = TAGS[tags]
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	return JSON.stringify([PEOPLE[person].phone, NAMES[name].trim(), tagList]);
}

test('skips only what succeeded before, sends everything else, one paired output per input', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(runSpec, { minLength: 2, maxLength: 4 }), async (runs) => {
			store.reset();
			nock.cleanAll();
			let refused = new Set<string>();
			let requests = 0;
			nock(RAMPWIN)
				.persist()
				.post('/api/contacts/insertOrUpdate')
				.query({ channel_id: CHANNEL })
				.reply((_uri, body) => {
					requests++;
					const phone = String((body as IDataObject).phone_number);
					if (refused.has(phone)) return [400, { success: false, message: 'Validation error' }];
					return [200, { success: true, data: { _id: `id-${phone.slice(-4)}` } }];
				});
			/** Requests that succeeded in earlier runs (what the store may hold). */
			let succeededBefore = new Set<string>();
			for (const spec of runs) {
				refused = new Set(spec.refused);
				if (spec.forget) succeededBefore = new Set();
				store.calls.length = 0;
				const before = requests;
				const [output] = await runNode({
					parameters: {
						provider: 'rampwin',
						rampwinChannelId: CHANNEL,
						phoneNumber: '={{ $json.phone }}',
						additionalFields: { firstName: '={{ $json.name }}', tags: '={{ $json.tags }}' },
						options: {
							skipUnchanged: true,
							forgetRemembered: spec.forget,
							concurrency: spec.concurrency,
						},
					},
					items: spec.rows.map(({ person, spelling, name, tags }) => ({
						phone: PEOPLE[person].spellings[spelling] ?? PEOPLE[person].phone,
						name: NAMES[name],
						tags: TAGS[tags],
					})),
					onError: 'continueRegularOutput',
				});

				expect(output.map(({ pairedItem }) => pairedItem)).toEqual(
					spec.rows.map((_row, item) => ({ item })),
				);
				// What this run's earlier rows for the same person made succeed, in input order.
				const succeededNow = new Set<string>();
				let sent = 0;
				spec.rows.forEach(({ person, name, tags }, index) => {
					const request = sentAs(person, name, tags);
					const json = output[index].json;
					const known = succeededBefore.has(request) || succeededNow.has(request);
					if (json.skipped === true) {
						expect(json.skipReason).toBe(SKIP_REASON);
						expect(known).toBe(true);
						return;
					}
					sent++;
					if (!known) expect(json.skipped).toBeUndefined();
					if (refused.has(PEOPLE[person].phone)) expect(json.error).toBeDefined();
					else succeededNow.add(request);
				});
				expect(requests - before).toBe(sent);
				expect(store.calls.length).toBeLessThanOrEqual(spec.forget ? 4 : 3);
				succeededBefore = new Set([...succeededBefore, ...succeededNow]);
			}
		}),
		{ numRuns: 40 },
	);
});
