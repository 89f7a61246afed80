import nock from 'nock';

import { casesOf } from '../helpers/providerCases';
import { runNode } from '../helpers/runNode';
import webchatContact from '../fixtures/vambe/contact-webchat.json';

// Vambe's request, output, refused input and refusals are tables in fixtures/vambe/cases.json
// (run by tables.test.ts); its tags in followUps.test.ts; whole runs in nodeRuns.test.ts. Here:
// what only Vambe has.

const vambe = casesOf('vambe');
const WEBCHAT = {
	provider: 'vambe',
	vambeChannel: 'webchat',
	webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
	externalUserId: 'user-4821',
};

describe('Vambe contacts', () => {
	it('finds one person typed two ways as the same contact', () => {
		const [first, second] = ['+56 9 6123 4567', '0056 (9) 6123-4567'].map((phoneNumber) =>
			vambe.contactKey({
				vambeChannel: 'whatsapp',
				channelPhoneNumber: '+56951234567',
				phoneNumber,
			}),
		);
		expect(second).toBe(first);
	});

	it('tells webchat users of one channel apart by their own ID', () => {
		const keys = ['user-1', 'user-2'].map((externalUserId) =>
			vambe.contactKey({ ...WEBCHAT, externalUserId }),
		);
		expect(new Set(keys).size).toBe(2);
	});
});

describe('Vambe in a whole run', () => {
	beforeAll(() => nock.disableNetConnect());
	afterAll(() => nock.enableNetConnect());

	it('sends metadata mapped as an object, and custom field numbers and booleans as text', async () => {
		const scope = nock('https://api.vambe.me')
			.post('/api/public/customer/upsert/info', {
				channel: 'webchat',
				channel_id: WEBCHAT.webchatChannelId,
				external_user_id: 'user-4821',
				meta_data: { source: 'checkout', score: 5 },
				custom_field_values: [
					{ key: 'seats', value: '42' },
					{ key: 'vip', value: 'true' },
				],
			})
			.reply(200, webchatContact);

		await runNode({
			items: [{ profile: { source: 'checkout', score: 5 }, seats: 42, vip: true }],
			parameters: {
				...WEBCHAT,
				additionalFields: { metadata: '={{ $json.profile }}' },
				customFields: {
					field: [
						{ key: 'seats', value: '={{ $json.seats }}' },
						{ key: 'vip', value: '={{ $json.vip }}' },
					],
				},
			},
		});

		scope.done();
	});
});
