'use strict';
/**
 * Phone numbers as people write and paste them, through real n8n: a number without + or 00 is a
 * number of the item's Default Country (an expression per item) or it is refused, never re-read
 * as another country; direction marks from WhatsApp Web, non-breaking spaces and full-width digits
 * are read, so the same person pasted three ways is one contact.
 */
const { PHONE_UPSERTS, phoneUpsertWorkflows } = require('../lib/phone-upserts');
const { upsertOutputs } = require('../lib/run-data');

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
		...PHONE_UPSERTS.rampwin,
		label: 'Phone Number',
		storedKey: (contact) => contact.phone_number,
		written: (e164) => e164,
	},
	{
		...PHONE_UPSERTS.hypersender,
		label: 'Chat ID',
		storedKey: (contact) => contact.chat_id,
		written: (e164) => e164.slice(1),
	},
];

/** Default Country from each item, and failures on the error output. */
const PER_ITEM_COUNTRY = { options: { defaultCountry: '={{ $json.country }}' }, errorOutput: true };

// As WhatsApp platforms hand numbers over: IDs, Twilio's whatsapp:, tel: and wa.me links, Mexico's
// 521 spelling, Brazil's ninth digit missing. Default Country is set to another country on purpose:
// digits from an ID or a link are country code first.
const WHATSAPP_ITEMS = [
	{ name: 'Marta', phone: '5215512345678@c.us', country: 'US' },
	{ name: 'Marta', phone: '+52 1 55 1234 5678', country: 'US' },
	{ name: 'Marta', phone: 'whatsapp:+5215512345678', country: 'US' },
	{ name: 'Marta', phone: 'https://wa.me/5215512345678?text=Hola', country: 'US' },
	{ name: 'Marta', phone: '044 55 1234 5678', country: 'MX' },
	{ name: 'Tiago', phone: '551187654321@s.whatsapp.net', country: 'US' },
	{ name: 'Tiago', phone: '+55 11 98765-4321', country: 'US' },
	{ name: 'Lucia', phone: '5491123456789:7@s.whatsapp.net', country: 'US' },
	{ name: 'Lucia', phone: 'tel:+54-9-11-2345-6789', country: 'US' },
	{
		name: 'Lucia',
		phone: 'https://api.whatsapp.com/send?phone=5491123456789&text=hi',
		country: 'US',
	},
	{ name: 'Lucia', phone: '11 15 2345 6789', country: 'AR' },
	// Refused everywhere: a 15 number without its area code is nobody's number for sure.
	{ name: 'Nico', phone: '15 2345-6789', country: 'AR' },
];

const WHATSAPP_SENT = {
	Marta: '+525512345678',
	Tiago: '+5511987654321',
	Lucia: '+5491123456789',
};

const NINTH_DIGIT_NOTE =
	'+55 11 8765 4321 was sent as +55 11 98765 4321: Brazilian mobile numbers have 9 digits after the area code since 2016, and WhatsApp still writes older ones without the leading 9, so the 9 was added.';

function phoneCases(n8n, sandbox) {
	whatsAppCases(n8n, sandbox);

	describe('phone numbers as people paste them', () => {
		const cases = phoneUpsertWorkflows(n8n, PROVIDERS, {
			what: 'pasted and national phone numbers',
			items: ITEMS,
			...PER_ITEM_COUNTRY,
		});

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

function whatsAppCases(n8n, sandbox) {
	describe('phone numbers as WhatsApp platforms write them', () => {
		const cases = phoneUpsertWorkflows(n8n, PROVIDERS, {
			what: 'WhatsApp-sourced phone numbers',
			items: WHATSAPP_ITEMS,
			...PER_ITEM_COUNTRY,
		});

		test.each(cases)(
			'$provider: every spelling of one person is one request form and one contact; the added 9 is said',
			async ({ provider, workflow, label, sentKey, storedKey, written }) => {
				const [succeeded, failed] = upsertOutputs(
					await n8n.execute(workflow),
					WHATSAPP_ITEMS.length,
				);
				const accepted = WHATSAPP_ITEMS.filter((item) => WHATSAPP_SENT[item.name]);

				const sent = sandbox.requests({ vendor: provider }).map(sentKey);
				expect(sent.sort()).toEqual(
					accepted.map((item) => written(WHATSAPP_SENT[item.name])).sort(),
				);
				expect(sandbox.contacts(provider).map(storedKey).sort()).toEqual(
					Object.values(WHATSAPP_SENT).map(written).sort(),
				);
				expect(succeeded).toHaveLength(accepted.length);
				expect(succeeded.map((item) => item.phoneNotes ?? null)).toEqual(
					accepted.map((item) =>
						item.phone === '551187654321@s.whatsapp.net' ? [NINTH_DIGIT_NOTE] : null,
					),
				);
				expect(failed.map((item) => item.error)).toEqual([
					`"${label}" of item 11: "15 2345-6789" looks like an Argentine mobile number written with 15 but without its area code: write the area code before the 15 (e.g. 11 15 2345-6789), or the number as +54 9, area code, number (+54 9 11 2345 6789).`,
				]);
			},
		);
	});
}

module.exports = { phoneCases };
