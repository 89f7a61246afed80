import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { SKIP_REASON } from '../../../nodes/engine/steps/unchanged';
import { deduplicationStore, type FakeDeduplicationStore } from '../helpers/dedupStore';
import { nodeType, vendorNodes } from '../helpers/node';
import { runNode, type RunInput } from '../helpers/runNode';
import { guardUnmatchedRequests, runExpectingError } from '../helpers/vendorHttp';

/**
 * Options → Skip Unchanged Contacts in whole-node runs, against n8n's deduplication store as n8n
 * implements it (records on check, oldest dropped first, no transaction): what the vendor
 * receives on the next run, and what each output item says.
 */

const RAMPWIN = 'https://api.rampwin.com';
const PATH = '/api/contacts/insertOrUpdate';
const CHANNEL = '65f1c2a9b7e4d3c2a1f0e9d8';
const NODE_ID = 'b5c3a0a2-7c64-4b8e-9d0a-1f6f3e2d4c5b';
const VAMBE = 'https://api.vambe.me';
const VAMBE_CONTACT_ID = '7a1c9e2b-4d3f-4b8a-9c6d-5e4f3a2b1c0d';

const unmatched = guardUnmatchedRequests();
let store: FakeDeduplicationStore;

/** What the vendor received, request by request; phone numbers whose upsert it refuses. */
let received: Array<{ method: string; path: string; body: IDataObject }>;
let refused: Set<string>;

beforeAll(async () => {
	store = await deduplicationStore();
});

beforeEach(() => {
	store.reset();
	received = [];
	refused = new Set();
	nock(RAMPWIN)
		.persist()
		.post(PATH)
		.query({ channel_id: CHANNEL })
		.reply((uri, body) => {
			const sent = body as IDataObject;
			received.push({ method: 'POST', path: uri, body: sent });
			const phone = String(sent.phone_number);
			if (refused.has(phone)) return [400, { success: false, message: 'Validation error' }];
			return [200, { success: true, data: { _id: `id-${phone.slice(-4)}`, phone_number: phone } }];
		});
	nock(VAMBE)
		.persist()
		.post('/api/public/customer/upsert/info')
		.reply((uri, body) => {
			received.push({ method: 'POST', path: uri, body: body as IDataObject });
			return [201, { id: VAMBE_CONTACT_ID, name: null, phone: '+56912345678', email: null }];
		})
		.patch(`/api/public/contact/tags/${VAMBE_CONTACT_ID}`)
		.reply((uri, body) => {
			received.push({ method: 'PATCH', path: uri, body: body as IDataObject });
			if (refused.has('tags')) return [400, { message: 'Invalid tag IDs' }];
			return [200, { status: 'success' }];
		});
});

afterEach(() => expect(unmatched).toEqual([]));

/** Rampwin parameters reading each item's phone, names, e-mail and tags, with these Options. */
function rampwin(options: IDataObject = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		provider: 'rampwin',
		rampwinChannelId: CHANNEL,
		phoneNumber: '={{ $json.phone }}',
		additionalFields: {
			firstName: '={{ $json.name }}',
			lastName: '={{ $json.lastName }}',
			email: '={{ $json.email }}',
			tags: '={{ $json.tags }}',
		},
		customFields: { field: [{ key: 'plan', value: '={{ $json.plan }}' }] },
		options: { skipUnchanged: true, ...options },
		...extra,
	};
}

const CONTACTS: IDataObject[] = [
	{ phone: '+56961234567', name: 'Ana' },
	{ phone: '+12135550142', name: 'Bob' },
	{ phone: '+5511987654321', name: 'Caio' },
];

/** Runs the node and returns its output items and the requests the vendor received in that run. */
async function run(input: Partial<RunInput> & { items: IDataObject[] }) {
	const before = received.length;
	const [output] = await runNode({ parameters: rampwin(), ...input });
	return { output, sent: received.slice(before) };
}

const phones = (sent: Array<{ body: IDataObject }>) => sent.map(({ body }) => body.phone_number);
const skippedIndexes = (output: INodeExecutionData[]) =>
	output.flatMap((item, index) => (item.json.skipped === true ? [index] : []));

describe('a second run sends only what changed', () => {
	it('skips every unchanged contact, outputs it marked and paired, and sends the changed one', async () => {
		const first = await run({ items: CONTACTS });
		expect(phones(first.sent)).toEqual(['+56961234567', '+12135550142', '+5511987654321']);
		expect(skippedIndexes(first.output)).toEqual([]);

		const changed = [CONTACTS[0], { ...CONTACTS[1], name: 'Bobby' }, CONTACTS[2]];
		const second = await run({ items: changed });

		expect(second.sent.map(({ body }) => body)).toEqual([
			{ phone_number: '+12135550142', first_name: 'Bobby', plan: '' },
		]);
		expect(second.output).toEqual([
			{
				json: {
					provider: 'rampwin',
					contactId: null,
					name: 'Ana',
					email: null,
					phoneNumber: '+56961234567',
					skipped: true,
					skipReason: SKIP_REASON,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					provider: 'rampwin',
					contactId: 'id-0142',
					name: null,
					email: null,
					phoneNumber: '+12135550142',
				},
				pairedItem: { item: 1 },
			},
			{
				json: expect.objectContaining({ skipped: true, phoneNumber: '+5511987654321' }),
				pairedItem: { item: 2 },
			},
		]);
	});

	it('outputs only the mark for a skipped item when Simplify is off (the vendor did not answer)', async () => {
		await run({ items: CONTACTS.slice(0, 1) });
		const { output, sent } = await run({
			items: CONTACTS.slice(0, 1),
			parameters: rampwin({}, { simplify: false }),
		});
		expect(sent).toEqual([]);
		expect(output).toEqual([
			{ json: { skipped: true, skipReason: SKIP_REASON }, pairedItem: { item: 0 } },
		]);
	});

	it('makes the same few store calls for 120 items as for 3, and none when the option is off', async () => {
		const many = Array.from({ length: 120 }, (_, index) => ({
			phone: `+1213555${String(index).padStart(4, '0')}`,
			name: `Person ${index}`,
		}));
		await run({ items: many, parameters: rampwin({ concurrency: 20 }) });
		expect(store.calls).toEqual(['check', 'remove', 'check']);
		store.calls.length = 0;
		const second = await run({ items: many, parameters: rampwin({ concurrency: 20 }) });
		expect(second.sent).toEqual([]);
		expect(skippedIndexes(second.output)).toHaveLength(120);
		expect(store.calls).toEqual(['check']);

		store.calls.length = 0;
		const off = await run({
			items: many.slice(0, 3),
			parameters: rampwin({ skipUnchanged: false }),
		});
		expect(off.sent).toHaveLength(3);
		expect(store.calls).toEqual([]);
	});
});

describe('the normalized request decides', () => {
	// Each row is one person typed two ways: the node sends the same request for both.
	test.each([
		['spaces and dashes in the phone', { phone: '+56 9 6123-4567' }],
		['brackets and dots', { phone: '(+56) 9.6123.4567' }],
		['invisible marks copied from WhatsApp', { phone: '\u200e+56 9 6123 4567\u200f' }],
		['full-width digits', { phone: '＋５６９６１２３４５６７' }],
		['spaces around the name', { name: '  Ana  ' }],
		['an empty optional field', { email: '' }],
		['fields in another order', { name: 'Ana', phone: '+56961234567', lastName: undefined }],
	])('%s: skipped', async (_variant, change) => {
		const first: IDataObject = { phone: '+56961234567', name: 'Ana' };
		await run({ items: [first] });
		// The row's keys come first, so a row that repeats every key also reorders them.
		const kept = Object.entries(first).filter(([key]) => !(key in change));
		const { sent, output } = await run({
			items: [{ ...change, ...Object.fromEntries(kept) }],
		});
		expect(sent).toEqual([]);
		expect(output[0].json.skipped).toBe(true);
	});

	test.each([
		['the first name', { name: 'Anna' }],
		['a last name added', { lastName: 'Silva' }],
		['an e-mail added', { email: 'ana@example.com' }],
		['the tags', { tags: 'vip' }],
		['a custom field', { plan: 'gold' }],
		['the phone (another contact)', { phone: '+56961234568' }],
	])('a change in %s: sent again', async (_field, change) => {
		const base = { phone: '+56961234567', name: 'Ana', tags: 'new', plan: 'free' };
		await run({ items: [base] });
		const { sent, output } = await run({ items: [{ ...base, ...change }] });
		expect(sent).toHaveLength(1);
		expect(output[0].json.skipped).toBeUndefined();
	});

	it('sends again when the channel (a node parameter) changes', async () => {
		await run({ items: CONTACTS.slice(0, 1) });
		nock(RAMPWIN)
			.post(PATH)
			.query({ channel_id: 'other-channel' })
			.reply(200, { success: true, data: { _id: 'x' } });
		const [output] = await runNode({
			parameters: rampwin({}, { rampwinChannelId: 'other-channel' }),
			items: CONTACTS.slice(0, 1),
		});
		expect(output[0].json.skipped).toBeUndefined();
		expect(nock.pendingMocks().filter((mock) => mock.includes('other-channel'))).toEqual([]);
	});

	it('sends again with another credential (another account), not with the same one', async () => {
		await run({ items: CONTACTS.slice(0, 1) });
		const other = await run({
			items: CONTACTS.slice(0, 1),
			credentialRefs: { rampwinApi: { id: '99', name: 'Rampwin production' } },
		});
		expect(other.sent).toHaveLength(1);
		const same = await run({ items: CONTACTS.slice(0, 1) });
		expect(same.sent).toEqual([]);
	});
});

describe('follow-up steps are part of the request', () => {
	const vambe = (tags: number[]): INodeParameters => ({
		provider: 'vambe',
		vambeChannel: 'whatsapp',
		channelPhoneNumber: '+56911112222',
		phoneNumber: '+56912345678',
		vambeTags: tags,
		options: { skipUnchanged: true },
	});

	it('skips both requests when nothing changed and sends both when only the tags change', async () => {
		await run({ items: [{}], parameters: vambe([11, 12]) });
		expect(received.map(({ method }) => method)).toEqual(['POST', 'PATCH']);

		const same = await run({ items: [{}], parameters: vambe([11, 12]) });
		expect(same.sent).toEqual([]);
		expect(same.output[0].json).toMatchObject({
			provider: 'vambe',
			phoneNumber: '+56912345678',
			contactId: null,
			skipped: true,
		});

		const retagged = await run({ items: [{}], parameters: vambe([11, 13]) });
		expect(retagged.sent.map(({ method, body }) => [method, body.tagsIds])).toEqual([
			['POST', undefined],
			['PATCH', [11, 13]],
		]);
	});

	it('does not remember a contact whose follow-up failed', async () => {
		refused.add('tags');
		await run({ items: [{}], parameters: vambe([11]), onError: 'continueRegularOutput' });
		refused.clear();
		const again = await run({ items: [{}], parameters: vambe([11]) });
		expect(again.sent.map(({ method }) => method)).toEqual(['POST', 'PATCH']);
	});
});

describe('only whole successes are remembered', () => {
	it('sends a refused contact again next run, under continue on fail', async () => {
		refused.add('+12135550142');
		const first = await run({ items: CONTACTS, onError: 'continueRegularOutput' });
		expect(first.output[1].json.error).toBe('Rampwin answered 400: Validation error');
		refused.clear();

		const second = await run({ items: CONTACTS });
		expect(phones(second.sent)).toEqual(['+12135550142']);
		expect(skippedIndexes(second.output)).toEqual([0, 2]);
	});

	it('remembers what succeeded before a run stopped on a failure, and nothing of the failed item', async () => {
		refused.add('+12135550142');
		const error = await runExpectingError({
			parameters: rampwin({ concurrency: 1 }),
			items: CONTACTS,
		});
		expect(error.message).toBe('Rampwin answered 400: Validation error');
		const succeeded = phones(received).filter((phone) => !refused.has(String(phone)));
		expect(succeeded).toContain('+56961234567');
		refused.clear();

		const second = await run({ items: CONTACTS });
		const notSucceeded = CONTACTS.map(({ phone }) => phone).filter(
			(phone) => !succeeded.includes(phone),
		);
		expect(phones(second.sent)).toEqual(notSucceeded);
		expect(notSucceeded).toContain('+12135550142');
	});

	it('remembers nothing of items with invalid input (their error items are not sent)', async () => {
		const items = [{ phone: 'not a phone', name: 'x' }, CONTACTS[0]];
		const first = await run({ items, onError: 'continueRegularOutput' });
		expect(first.output[0].json.error).toContain('"Phone Number" of item 0');
		const second = await run({ items, onError: 'continueRegularOutput' });
		expect(second.output[0].json.error).toContain('"Phone Number" of item 0');
		expect(second.output[1].json.skipped).toBe(true);
	});

	it('remembers nothing sent in a cancelled run, and sends those contacts next time', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			runNode({ parameters: rampwin(), items: CONTACTS, signal: controller.signal }),
		).rejects.toThrow();
		expect(store.size(NODE_ID)).toBe(0);
		const next = await run({ items: CONTACTS });
		expect(next.sent).toHaveLength(3);
	});

	it('leaves nothing remembered when the store read itself fails, and sends nothing', async () => {
		store.failNext = { call: 'check', error: new Error('SQLITE_BUSY: database is locked') };
		const error = await runExpectingError({ parameters: rampwin(), items: CONTACTS });
		expect(error.message).toBe(
			"Skip Unchanged Contacts could not read this node's memory: SQLITE_BUSY: database is locked",
		);
		expect(received).toEqual([]);
	});
});

describe('several items for one contact in one run', () => {
	it('sends an identical repeat once, and the later row when the rows differ', async () => {
		const ana = CONTACTS[0];
		const first = await run({ items: [ana, ana, { ...ana, name: 'Anna' }] });
		expect(first.sent.map(({ body }) => body.first_name)).toEqual(['Ana', 'Anna']);
		expect(skippedIndexes(first.output)).toEqual([1]);
	});

	it('sends a row that returns to an earlier version within the run (the vendor holds the last)', async () => {
		const ana = CONTACTS[0];
		await run({ items: [ana] });
		const { sent, output } = await run({ items: [ana, { ...ana, name: 'Anna' }, ana] });
		expect(sent.map(({ body }) => body.first_name)).toEqual(['Anna', 'Ana']);
		expect(skippedIndexes(output)).toEqual([0]);
	});
});

describe('a field that returns to an earlier value', () => {
	const ana = CONTACTS[0];
	const anna = { ...ana, name: 'Anna' };

	it('is sent when the run also holds the version in between', async () => {
		await run({ items: [ana, anna] });
		const { sent, output } = await run({ items: [anna, ana] });
		expect(sent.map(({ body }) => body.first_name)).toEqual(['Ana']);
		expect(skippedIndexes(output)).toEqual([0]);
	});

	it('is skipped across runs while the older version is still remembered (the documented limit)', async () => {
		await run({ items: [ana] });
		await run({ items: [anna] });
		const back = await run({ items: [ana] });
		expect(back.sent).toEqual([]);
		const forgot = await run({ items: [ana], parameters: rampwin({ forgetRemembered: true }) });
		expect(forgot.sent).toHaveLength(1);
	});
});

describe('memory: per node, bounded, forgettable', () => {
	it('is kept per node: another node of the workflow sends everything', async () => {
		await run({ items: CONTACTS });
		const other = await run({ items: CONTACTS, nodeId: 'c9d8e7f6-0000-4000-8000-000000000002' });
		expect(other.sent).toHaveLength(3);
	});

	it('keeps at most Remember Up To entries, forgetting the oldest first (sent again)', async () => {
		await run({ items: CONTACTS, parameters: rampwin({ rememberUpTo: 2, concurrency: 1 }) });
		expect(store.size(NODE_ID)).toBe(2);
		const second = await run({ items: CONTACTS, parameters: rampwin({ rememberUpTo: 2 }) });
		expect(phones(second.sent)).toEqual(['+56961234567']);
		expect(store.size(NODE_ID)).toBe(2);
	});

	it('refuses a Remember Up To out of range, before sending anything', async () => {
		const error = await runExpectingError({
			parameters: rampwin({ rememberUpTo: 0 }),
			items: CONTACTS,
		});
		expect(error.message).toBe('"Remember Up To" must be a whole number from 1 to 1000000');
		expect(received).toEqual([]);
	});

	it('Forget Remembered Contacts sends everything again, then remembers as usual', async () => {
		await run({ items: CONTACTS });
		const forgot = await run({ items: CONTACTS, parameters: rampwin({ forgetRemembered: true }) });
		expect(forgot.sent).toHaveLength(3);
		expect(store.calls).toContain('clear');
		const after = await run({ items: CONTACTS });
		expect(after.sent).toEqual([]);
	});

	it('Forget without Skip Unchanged empties the memory, so a later run sends everything', async () => {
		await run({ items: CONTACTS });
		await run({
			items: CONTACTS,
			parameters: rampwin({ skipUnchanged: false, forgetRemembered: true }),
		});
		expect(store.size(NODE_ID)).toBe(0);
		const after = await run({ items: CONTACTS });
		expect(after.sent).toHaveLength(3);
	});

	it('loses no contact when two executions of the node run at once in one process', async () => {
		const left = CONTACTS.slice(0, 2);
		const right = [CONTACTS[2], { phone: '+56961230000', name: 'Dora' }];
		await Promise.all([run({ items: left }), run({ items: right })]);
		const again = await run({ items: [...left, ...right] });
		expect(again.sent).toEqual([]);
	});
});

describe('Preview Only', () => {
	it('shows which items would be skipped, sends nothing and remembers nothing', async () => {
		await run({ items: CONTACTS.slice(0, 2) });
		const rowBefore = JSON.stringify([...store.rows]);
		const preview = await run({
			items: CONTACTS,
			parameters: rampwin({ previewOnly: true }),
		});
		expect(preview.sent).toEqual([]);
		expect(preview.output.map(({ json }) => [json.preview, json.skipped])).toEqual([
			[true, true],
			[true, true],
			[true, false],
		]);
		expect(preview.output[0].json.skipReason).toBe(
			`${SKIP_REASON}: a real run sends nothing for this item`,
		);
		expect(JSON.stringify([...store.rows])).toBe(rowBefore);

		const real = await run({ items: CONTACTS });
		expect(phones(real.sent)).toEqual(['+5511987654321']);
	});

	it('with Forget on, shows nothing skipped and forgets nothing', async () => {
		await run({ items: CONTACTS });
		const preview = await run({
			items: CONTACTS,
			parameters: rampwin({ previewOnly: true, forgetRemembered: true }),
		});
		expect(preview.output.map(({ json }) => json.skipped)).toEqual([false, false, false]);
		expect(store.size(NODE_ID)).toBe(3);
	});
});

describe('every node offers the options', () => {
	test.each([
		['Contact Upsert', nodeType],
		...vendorNodes.map((vendor): [string, INodeType] => [vendor.type, vendor.node]),
	])('%s', (_name, node) => {
		const options = node.description.properties.find(({ name }) => name === 'options');
		const entries = (options?.options ?? []) as Array<{ name: string; default: unknown }>;
		expect(
			entries
				.filter(({ name }) => ['skipUnchanged', 'rememberUpTo', 'forgetRemembered'].includes(name))
				.map(({ name, default: value }) => [name, value]),
		).toEqual([
			['forgetRemembered', false],
			['rememberUpTo', 100_000],
			['skipUnchanged', false],
		]);
	});

	it('works the same in a vendor node', async () => {
		const parameters = rampwin();
		delete parameters.provider;
		const type = 'n8n-nodes-rampwin.rampwin';
		await run({ items: CONTACTS, parameters, type });
		const second = await run({ items: CONTACTS, parameters, type });
		expect(second.sent).toEqual([]);
		expect(skippedIndexes(second.output)).toEqual([0, 1, 2]);
	});
});
