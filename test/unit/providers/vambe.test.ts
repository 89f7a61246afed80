import { casesOf } from '../helpers/providerCases';

// Vambe's request, output, refused input and refusals are tables in fixtures/vambe/cases.json
// (run by tables.test.ts); its tags in followUps.test.ts; whole runs in nodeRuns.test.ts. Here:
// how Vambe tells its contacts apart.

const vambe = casesOf('vambe');
const CHANNEL_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

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
			vambe.contactKey({ vambeChannel: 'webchat', webchatChannelId: CHANNEL_ID, externalUserId }),
		);
		expect(new Set(keys).size).toBe(2);
	});
});
