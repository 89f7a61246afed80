import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../helpers/runNode';

/** A small seeded generator (mulberry32), so a failing case can be reproduced from its seed. */
function generator(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
	return { next, pick };
}

type Random = ReturnType<typeof generator>;

const STRINGS = [
	'',
	' ',
	'Jane',
	'Zoë Ñúñez-O’Brien',
	'山田太郎',
	'🙂🙃',
	'jane@example.com',
	'JANE@EXAMPLE.COM',
	'not-an-email',
	'+56 9 6123 4567',
	'0056961234567',
	'(213) 555-0142',
	'12132132130',
	'12132132130@c.us',
	'987654321@lid',
	'120363@g.us',
	'email:jane@example.com',
	'phone:+56961234567',
	'id:11590944070189056',
	'id:abc',
	'../../etc/passwd',
	'a/b?c#d%2F',
	'0f8fad5b-d9cb-469f-a165-70867728950e',
	'{"source":"web"}',
	'[1,2]',
	'null',
	'\u0000\u0001\u001f',
	'<script>alert(1)</script>',
];

function randomValue(random: Random): unknown {
	const roll = random.next();
	if (roll < 0.45) return random.pick(STRINGS);
	if (roll < 0.55) return null;
	if (roll < 0.6) return undefined;
	if (roll < 0.68) return Math.floor(random.next() * 1e12);
	if (roll < 0.72) return random.next() < 0.5;
	if (roll < 0.78) return [random.pick(STRINGS), random.pick(STRINGS)];
	if (roll < 0.84) return { nested: random.pick(STRINGS) };
	if (roll < 0.88) return random.pick(STRINGS).repeat(5_000);
	if (roll < 0.92) return Number.NaN;
	return `${random.pick(STRINGS)}${random.pick(STRINGS)}`;
}

const FIELDS = ['a', 'b', 'c', 'd', 'e', 'f'];

function randomItem(random: Random): IDataObject {
	const item: IDataObject = {};
	for (const field of FIELDS) {
		const value = randomValue(random);
		if (value !== undefined) item[field] = value as IDataObject[string];
	}
	return item;
}

/** Every field of every provider mapped from the random item, so every validator sees junk. */
const PARAMETERS: Record<string, INodeParameters> = {
	vambe: {
		provider: 'vambe',
		vambeChannel: 'whatsapp',
		channelPhoneNumber: '={{ $json.a }}',
		phoneNumber: '={{ $json.b }}',
		additionalFields: {
			name: '={{ $json.c }}',
			email: '={{ $json.d }}',
			stageId: '={{ $json.e }}',
			metadata: '={{ $json.f }}',
		},
		customFields: { field: [{ key: '={{ $json.c }}', value: '={{ $json.d }}' }] },
	},
	vambeWebchat: {
		provider: 'vambe',
		vambeChannel: 'webchat',
		webchatChannelId: '={{ $json.a }}',
		externalUserId: '={{ $json.b }}',
		additionalFields: { agentId: '={{ $json.c }}' },
	},
	chatbotx: {
		provider: 'chatbotx',
		identifier: '={{ $json.a }}',
		additionalFields: {
			firstName: '={{ $json.b }}',
			email: '={{ $json.c }}',
			phoneNumber: '={{ $json.d }}',
			gender: '={{ $json.e }}',
			avatar: '={{ $json.f }}',
		},
	},
	rampwin: {
		provider: 'rampwin',
		rampwinChannelId: '={{ $json.a }}',
		phoneNumber: '={{ $json.b }}',
		additionalFields: { email: '={{ $json.c }}', tags: '={{ $json.d }}' },
		customFields: { field: [{ key: '={{ $json.e }}', value: '={{ $json.f }}' }] },
	},
	hypersender: {
		provider: 'hypersender',
		chatId: '={{ $json.a }}',
		firstName: '={{ $json.b }}',
		additionalFields: { lastName: '={{ $json.c }}' },
	},
};

const VALIDATION_ERROR = /^"[^"]+" of item (\d+)(: | )\S/;

beforeAll(() => {
	nock.disableNetConnect();
	// Every request that passes validation succeeds: only the node's own handling is under test.
	for (const origin of [
		'https://api.vambe.me',
		'https://app.chatbotx.io',
		'https://api.rampwin.com',
		'https://app.hypersender.com',
	]) {
		nock(origin)
			.persist()
			.post(/.*/)
			.query(true)
			.reply(200, { id: 'x', data: { _id: 'x' } });
	}
});
afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('fuzz: 10,000 random items', () => {
	it.each(Object.entries(PARAMETERS))(
		'%s: every item ends as a success or a clear validation error',
		async (name, parameters) => {
			const random = generator(name.length * 7919);
			const items = Array.from({ length: 2_000 }, () => randomItem(random));

			const [output] = await runNode({
				parameters: { ...parameters, options: { concurrency: 20, maxRetries: 0 } },
				items,
				onError: 'continueRegularOutput',
			});

			expect(output).toHaveLength(items.length);
			let successes = 0;
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				if (typeof item.json.error === 'string') {
					const match = VALIDATION_ERROR.exec(item.json.error);
					expect({ index, error: item.json.error, valid: match !== null }).toEqual({
						index,
						error: item.json.error,
						valid: true,
					});
					expect(Number(match?.[1])).toBe(index);
					expect(item.json.error.length).toBeLessThan(400);
				} else {
					successes++;
					expect(item.json.provider).toBe(parameters.provider);
				}
			});
			// The generator must exercise both paths, or the test proves nothing.
			expect(successes).toBeGreaterThan(0);
			expect(successes).toBeLessThan(items.length);
		},
		120_000,
	);
});
