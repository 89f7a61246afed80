'use strict';
/**
 * Running the same workflow twice must leave one contact per person on every vendor, also when
 * the person's number is typed two ways (+56 9 6123 4567 and 0056961234567): the node sends one
 * canonical form, and the vendors match on it.
 */
const { CREDENTIALS } = require('../lib/credentials');
const { upsertOutputs } = require('../lib/run-data');
const SEED = require('../lib/seed');
const { upsertWorkflow } = require('../lib/workflows');

const ANA = '+56961234567';
const BRUNO = '+56987654321';
const digits = (e164) => e164.slice(1);

// Ana twice (international, and with the 00 prefix), Bruno as a national number of Options → Default Country.
const ITEMS = [
	{ name: 'Ana', phone: '+56 9 6123 4567' },
	{ name: 'Ana', phone: '0056961234567' },
	{ name: 'Bruno', phone: '9 8765 4321' },
];

const PROVIDERS = [
	{
		provider: 'vambe',
		credential: CREDENTIALS.vambe,
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: SEED.vambe.channelPhoneNumber,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { name: '={{ $json.name }}' },
		},
		sentKey: (request) => request.body.contact_phone_number,
		stored: (contact) => ({ key: contact.phone, id: contact.id }),
		keys: [ANA, BRUNO],
	},
	{
		provider: 'chatbotx',
		credential: CREDENTIALS.chatbotx,
		parameters: {
			identifier: '=phone:{{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		// ChatbotX matches identifiers as exact strings: only one spelling may ever reach it.
		sentKey: (request) => decodeURIComponent(/\/contacts\/([^/]+)\/upsert$/.exec(request.path)[1]),
		stored: (contact) => ({ key: `phone:${contact.phoneNumber}`, id: contact.id }),
		keys: [`phone:${ANA}`, `phone:${BRUNO}`],
	},
	{
		provider: 'rampwin',
		credential: CREDENTIALS.rampwin,
		parameters: {
			rampwinChannelId: SEED.rampwin.channelId,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		sentKey: (request) => request.body.phone_number,
		stored: (contact) => ({ key: contact.phone_number, id: contact._id }),
		keys: [ANA, BRUNO],
	},
	{
		provider: 'hypersender',
		credential: CREDENTIALS.hypersender,
		parameters: { chatId: '={{ $json.phone }}', firstName: '={{ $json.name }}' },
		sentKey: (request) => request.body.chat_id,
		// Hypersender has no contact id: the node reports the chat id it sent.
		stored: (contact) => ({ key: contact.chat_id, id: contact.chat_id }),
		keys: [digits(ANA), digits(BRUNO)],
	},
];

function repeatedUpsertCases(n8n, sandbox) {
	describe('repeated upserts', () => {
		const cases = PROVIDERS.map((spec) => ({
			...spec,
			workflow: n8n.workflow(
				upsertWorkflow({
					name: `${spec.provider}, same people twice`,
					credential: spec.credential,
					items: ITEMS,
					parameters: {
						provider: spec.provider,
						...spec.parameters,
						options: { defaultCountry: 'CL' },
					},
				}),
			),
		}));

		test.each(cases)(
			'$provider: two runs, a number typed two ways → one contact per person',
			async ({ provider, workflow, sentKey, stored, keys }) => {
				const [first] = upsertOutputs(await n8n.execute(workflow), ITEMS.length);
				const [second] = upsertOutputs(await n8n.execute(workflow), ITEMS.length);

				const [ana, bruno] = keys;
				const sent = sandbox.requests({ vendor: provider }).map(sentKey);
				expect(sent.sort()).toEqual([ana, ana, ana, ana, bruno, bruno].sort());

				const contacts = sandbox.contacts(provider).map(stored);
				expect(contacts.map((contact) => contact.key).sort()).toEqual([ana, bruno].sort());

				// Both runs report the same contact for both of Ana's items, and Bruno's own.
				const idOf = Object.fromEntries(contacts.map((contact) => [contact.key, contact.id]));
				const expectedIds = [idOf[ana], idOf[ana], idOf[bruno]];
				expect(first.map((item) => item.contactId)).toEqual(expectedIds);
				expect(second.map((item) => item.contactId)).toEqual(expectedIds);
			},
		);
	});
}

module.exports = { repeatedUpsertCases };
