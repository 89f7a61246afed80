'use strict';
/**
 * Running the same workflow twice must leave one contact per person on every vendor, also when
 * the person's number is typed two ways (+56 9 6123 4567 and 0056961234567): the node sends one
 * canonical form, and the vendors match on it.
 */
const { PHONE_UPSERTS, phoneUpsertWorkflows } = require('../lib/phone-upserts');
const { upsertOutputs } = require('../lib/run-data');

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
		...PHONE_UPSERTS.vambe,
		stored: (contact) => ({ key: contact.phone, id: contact.id }),
		keys: [ANA, BRUNO],
	},
	{
		// ChatbotX matches identifiers as exact strings: only one spelling may ever reach it.
		...PHONE_UPSERTS.chatbotx,
		stored: (contact) => ({ key: `phone:${contact.phoneNumber}`, id: contact.id }),
		keys: [`phone:${ANA}`, `phone:${BRUNO}`],
	},
	{
		...PHONE_UPSERTS.rampwin,
		stored: (contact) => ({ key: contact.phone_number, id: contact._id }),
		keys: [ANA, BRUNO],
	},
	{
		...PHONE_UPSERTS.hypersender,
		// Hypersender has no contact id: the node reports the chat id it sent.
		stored: (contact) => ({ key: contact.chat_id, id: contact.chat_id }),
		keys: [digits(ANA), digits(BRUNO)],
	},
];

function repeatedUpsertCases(n8n, sandbox) {
	describe('repeated upserts', () => {
		const cases = phoneUpsertWorkflows(n8n, PROVIDERS, {
			what: 'same people twice',
			items: ITEMS,
			options: { defaultCountry: 'CL' },
		});

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
