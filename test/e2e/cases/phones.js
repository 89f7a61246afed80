'use strict';
/**
 * Phone numbers as people write and paste them, through real n8n: a number without + or 00 is a
 * number of the item's Default Country (an expression per item) or it is refused, never re-read
 * as another country; direction marks from WhatsApp Web, non-breaking spaces and full-width digits
 * are read, so the same person pasted three ways is one contact.
 */
const { CREDENTIALS } = require('../lib/credentials');
const { upsertOutputs } = require('../lib/run-data');
const SEED = require('../lib/seed');
const { upsertWorkflow } = require('../lib/workflows');

const ITEMS = [
	// Read as other countries before (+46 Sweden, +62 Indonesia): US numbers now, or nothing.
	{ name: 'Ava', phone: '(460) 234-5678', country: 'US' },
	{ name: 'Ben', phone: '(624) 234-5678', country: 'US' },
	// One person, pasted three ways: WhatsApp Web's direction marks, non-breaking spaces,
	// full-width digits.
	{ name: 'Cleo', phone: '\u202a+1 (213) 555-0142\u202c', country: 'US' },
	{ name: 'Cleo', phone: '+1\u00a0213\u00a0555\u00a00142', country: 'US' },
	{
		name: 'Cleo',
		phone: '\uff0b\uff11 \uff12\uff11\uff13 \uff15\uff15\uff15 \uff10\uff11\uff14\uff12',
		country: 'US',
	},
	{ name: 'Dario', phone: '(+56) 9 1234 5678', country: 'CL' },
	// A Chilean mobile written with a stray 0: was sent as +560912345678.
	{ name: 'Eva', phone: '09 1234 5678', country: 'CL' },
	// One digit too many for a US number: refused, not cut.
	{ name: 'Finn', phone: '213 555 01421', country: 'US' },
];

const SENT = {
	Ava: '+14602345678',
	Ben: '+16242345678',
	Cleo: '+12135550142',
	Dario: '+56912345678',
};

const PROVIDERS = [
	{
		provider: 'rampwin',
		credential: CREDENTIALS.rampwin,
		parameters: {
			rampwinChannelId: SEED.rampwin.channelId,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		label: 'Phone Number',
		sentKey: (request) => request.body.phone_number,
		storedKey: (contact) => contact.phone_number,
		written: (e164) => e164,
	},
	{
		provider: 'hypersender',
		credential: CREDENTIALS.hypersender,
		parameters: { chatId: '={{ $json.phone }}', firstName: '={{ $json.name }}' },
		label: 'Chat ID',
		sentKey: (request) => request.body.chat_id,
		storedKey: (contact) => contact.chat_id,
		written: (e164) => e164.slice(1),
	},
];

function phoneCases(n8n, sandbox) {
	describe('phone numbers as people paste them', () => {
		const cases = PROVIDERS.map((spec) => ({
			...spec,
			workflow: n8n.workflow(
				upsertWorkflow({
					name: `${spec.provider}, pasted and national phone numbers`,
					credential: spec.credential,
					items: ITEMS,
					onError: 'continueErrorOutput',
					parameters: {
						provider: spec.provider,
						...spec.parameters,
						options: { defaultCountry: '={{ $json.country }}' },
					},
				}),
			),
		}));

		test.each(cases)(
			'$provider: each number keeps its country; pasted forms are one contact; wrong ones are refused with the reason',
			async ({ provider, workflow, label, sentKey, storedKey, written }) => {
				const [succeeded, failed] = upsertOutputs(await n8n.execute(workflow), ITEMS.length);

				const expectedSent = ITEMS.filter((item) => SENT[item.name]).map((item) =>
					written(SENT[item.name]),
				);
				const sent = sandbox.requests({ vendor: provider }).map(sentKey);
				expect(sent.sort()).toEqual(expectedSent.sort());
				expect(sandbox.contacts(provider).map(storedKey).sort()).toEqual(
					Object.values(SENT).map(written).sort(),
				);
				expect(succeeded.map((item) => item.phoneNumber ?? item.contactId)).toEqual(
					ITEMS.filter((item) => SENT[item.name]).map((item) =>
						provider === 'rampwin' ? SENT[item.name] : written(SENT[item.name]),
					),
				);

				expect(failed.map((item) => item.error)).toEqual([
					`"${label}" of item 6: "09 1234 5678" is not a valid CL number.`,
					`"${label}" of item 7: "213 555 01421" has too many digits for a US number.`,
				]);
			},
		);
	});
}

module.exports = { phoneCases };
