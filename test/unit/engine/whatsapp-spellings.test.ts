import fc from 'fast-check';
import {
	getCountries,
	getExampleNumber,
	parsePhoneNumberFromString,
	type CountryCode,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import type { IDataObject } from 'n8n-workflow';

import { toChatbotxIdentifier } from '../../../nodes/providers/chatbotx';
import { toHypersenderChatId } from '../../../nodes/providers/hypersender';
import { findProvider } from '../../../nodes/providers';
import { formatPhone } from '../../../nodes/engine/phone';
import { runNode } from '../helpers/runNode';
import { phoneTable } from '../helpers/tables';
import { UPSERT_CASES } from '../helpers/upsertCases';
import { guardUnmatchedRequests, interceptRequests } from '../helpers/vendorHttp';

/**
 * Every spelling a WhatsApp platform hands a number over in, for every country's example mobile
 * number: one request form per person, never a refusal, and Default Country never applied to
 * digits that came from an ID or a link.
 */

/** The ways platforms write the number whose E.164 form is `e164`. */
function platformSpellings(e164: string): string[] {
	const digits = e164.slice(1);
	const number = parsePhoneNumberFromString(e164);
	const dashed = (number?.formatInternational() ?? e164).replace(/ /g, '-');
	return [
		e164,
		digits,
		`00${digits}`,
		// WhatsApp Web, whatsapp-web.js, WAHA, Hypersender.
		`${digits}@c.us`,
		// Baileys-based APIs (Evolution API, WAHA NOWEB): a JID, with or without a device part.
		`${digits}@s.whatsapp.net`,
		`${digits}:12@s.whatsapp.net`,
		`${digits}_1:3@s.whatsapp.net`,
		// Twilio.
		`whatsapp:${e164}`,
		// RFC 3966, as contact cards and click-to-call links write it.
		`tel:${dashed}`,
		`TEL:${e164}`,
		// Links on forms and in bios.
		`https://wa.me/${digits}`,
		`wa.me/${digits}?text=Hola%20quiero%20info`,
		`http://www.wa.me/${digits}`,
		`https://api.whatsapp.com/send?phone=${digits}&text=hi`,
		`api.whatsapp.com/send/?phone=%2B${digits}&type=phone_number&app_absent=0`,
		`https://web.whatsapp.com/send?phone=${digits}`,
		`whatsapp://send?phone=${digits}`,
	];
}

/** Mexico: WhatsApp adds a 1 after 52 in every spelling that comes from it. */
function mexicanWhatsAppSpellings(e164: string): string[] {
	const national = e164.slice(3);
	return [
		...platformSpellings(`+521${national}`),
		`+52 1 ${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)}`,
	];
}

const COUNTRIES = getCountries();
const EXAMPLES = COUNTRIES.flatMap((country) => {
	const number = getExampleNumber(country, examples);
	return number ? [{ country, e164: number.number as string }] : [];
});

/** Another country than the number's, to prove Default Country is not applied to IDs and links. */
function otherCountry(country: CountryCode): CountryCode {
	return country === 'US' ? 'CL' : 'US';
}

/** Whether a spelling carries its digits country code first by its form (not plain digits). */
const isPlatformForm = (spelling: string) => /[@:/]/.test(spelling) || spelling.startsWith('+');

describe('every country × every platform spelling: one form per person, no refusal', () => {
	it('has an example for every region', () => {
		expect(EXAMPLES.length).toBeGreaterThan(240);
	});

	it.each(EXAMPLES)('$country ($e164)', ({ country, e164 }) => {
		const spellings = [
			...platformSpellings(e164),
			...(country === 'MX' ? mexicanWhatsAppSpellings(e164) : []),
		];
		const forms = new Set<string>();
		for (const spelling of spellings) {
			for (const defaultCountry of [undefined, country, otherCountry(country)]) {
				// Plain digits are a national number when a Default Country is set: not a platform form.
				if (!isPlatformForm(spelling) && !spelling.startsWith('00') && defaultCountry) continue;
				const e = formatPhone(spelling, 'e164', defaultCountry);
				const digits = formatPhone(spelling, 'digits', defaultCountry);
				const chatbotx = toChatbotxIdentifier(spelling, defaultCountry);
				const hypersender = toHypersenderChatId(spelling, defaultCountry);
				expect({ spelling, defaultCountry, e, digits, chatbotx, hypersender }).toEqual({
					spelling,
					defaultCountry,
					e: { ok: true, value: e164 },
					digits: { ok: true, value: e164.slice(1) },
					chatbotx: { ok: true, value: `phone:${e164}` },
					hypersender: { ok: true, value: e164.slice(1) },
				});
				forms.add(e.ok ? e.value : '');
			}
		}
		expect([...forms]).toEqual([e164]);
	});
});

describe('random numbers of every region (fast-check)', () => {
	/** A region's example with its last digits replaced, kept when libphonenumber knows it valid. */
	const validNumber = fc
		.tuple(
			fc.constantFrom(...EXAMPLES),
			fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
		)
		.map(([{ country, e164 }, tail]) => ({
			country,
			e164: `${e164.slice(0, -tail.length)}${tail.join('')}`,
		}))
		.filter(({ country, e164 }) => {
			const number = parsePhoneNumberFromString(e164);
			return Boolean(number?.isValid() && number.country === country);
		});

	it('every spelling of one number gives its E.164 form, with or without Default Country', () => {
		fc.assert(
			fc.property(
				validNumber,
				fc.constantFrom(undefined, ...COUNTRIES),
				fc.nat(),
				({ country, e164 }, defaultCountry, pick) => {
					const spellings = platformSpellings(e164).filter(isPlatformForm);
					const all =
						country === 'MX'
							? [...spellings, ...mexicanWhatsAppSpellings(e164).filter(isPlatformForm)]
							: spellings;
					const spelling = all[pick % all.length];
					expect([spelling, formatPhone(spelling, 'e164', defaultCountry)]).toEqual([
						spelling,
						{ ok: true, value: e164 },
					]);
				},
			),
			{ numRuns: 3000 },
		);
	});
});

describe('Mexico', () => {
	it.each<[string, string | undefined]>([
		['+52 55 1234 5678', undefined],
		['+5215512345678', undefined],
		['+52 1 55 1234 5678', undefined],
		['5215512345678', undefined],
		['5215512345678@c.us', 'US'],
		['5215512345678@s.whatsapp.net', undefined],
		['5215512345678:4@s.whatsapp.net', 'MX'],
		['whatsapp:+5215512345678', undefined],
		['https://wa.me/5215512345678', 'MX'],
		['55 1234 5678', 'MX'],
		['044 55 1234 5678', 'MX'],
		['045 55 1234 5678', 'MX'],
		['1 55 1234 5678', 'MX'],
		['01 55 1234 5678', 'MX'],
		['52 1 55 1234 5678', 'MX'],
		['52 55 1234 5678', 'MX'],
	])('%j (Default Country %s) → +525512345678', (input, country) => {
		expect(formatPhone(input, 'e164', country)).toEqual({ ok: true, value: '+525512345678' });
	});

	it.each<[string, string | undefined, string]>([
		// A digit too many after the 1 is still too many, never cut.
		['+52 1 55 1234 56789', undefined, 'has too many digits for a +52 number'],
		['044 55 1234 567', 'MX', 'has too many digits for a MX number'],
	])('refuses %j (Default Country %s)', (input, country, reason) => {
		expect(formatPhone(input, 'e164', country)).toEqual({ ok: false, reason });
	});
});

describe('Argentina', () => {
	describe.each(phoneTable('whatsapp', 'argentina'))('%s', (_group, rows) => {
		it.each(rows)('%j (Default Country %s) → %s', (input, country, expected) => {
			expect(formatPhone(input, 'e164', country)).toEqual({ ok: true, value: expected });
		});
	});

	it.each<[string, string | undefined]>([
		['15 2345-6789', 'AR'],
		['15 2345 6789', 'AR'],
		['+54 15 2345 6789', undefined],
		['541523456789@c.us', undefined],
	])('refuses %j (Default Country %s): a 15 number without its area code', (input, country) => {
		const result = formatPhone(input, 'e164', country);
		expect(result).toEqual({ ok: false, reason: expect.stringContaining('without its area code') });
	});
});

describe('Brazil', () => {
	const ADDED =
		'was sent as +55 11 98765 4321: Brazilian mobile numbers have 9 digits after the area code since 2016, and WhatsApp still writes older ones without the leading 9, so the 9 was added.';

	it.each<[string, string | undefined]>([
		['+55 11 8765-4321', undefined],
		['551187654321@c.us', undefined],
		['551187654321@s.whatsapp.net', 'US'],
		['551187654321:2@s.whatsapp.net', undefined],
		['https://wa.me/551187654321', undefined],
		['(11) 8765-4321', 'BR'],
	])('%j (Default Country %s): the ninth digit is added, and said so', (input, country) => {
		expect(formatPhone(input, 'e164', country)).toEqual({
			ok: true,
			value: '+5511987654321',
			note: `+55 11 8765 4321 ${ADDED}`,
		});
	});

	describe.each(phoneTable('whatsapp', 'brazil unchanged'))('%s', (_group, rows) => {
		it.each(rows)('%j (Default Country %s) → %s, unchanged', (input, country, expected) => {
			expect(formatPhone(input, 'e164', country)).toEqual({ ok: true, value: expected });
		});
	});
});

describe('refused with the reason', () => {
	it.each<[string, string]>([
		['123456789012345@lid', 'is a WhatsApp @lid ID, which hides the phone number'],
		['120363025246125888@g.us', 'is the ID of a WhatsApp group, not of a person'],
		['status@broadcast', 'is the ID of a WhatsApp broadcast list or status'],
		['tel:+1-415-555-0123;ext=12', 'is a tel: URI with an extension (;ext=12)'],
		['tel:555-0123;phone-context=example.com', 'is local to "example.com"'],
		['https://wa.me/message/ABCDEFGHIJ', 'is a wa.me link without a phone number in it'],
		['https://chat.whatsapp.com/AbCdEf', 'is a WhatsApp group invite link'],
		['https://api.whatsapp.com/send?text=hi', 'without its phone= number'],
		['whatsapp:', 'has no phone number'],
		['john@c.us', 'may contain only digits, with the country code first'],
	])('%j', (input, reason) => {
		expect(formatPhone(input, 'e164', 'US')).toEqual({
			ok: false,
			reason: expect.stringContaining(reason),
		});
	});

	it('a tel: URI with a local number is read like a typed number (Default Country)', () => {
		expect(formatPhone('tel:(415) 555-0123', 'e164', 'US')).toEqual({
			ok: true,
			value: '+14155550123',
		});
		expect(formatPhone('tel:555-0123;phone-context=+1-415', 'e164')).toEqual({
			ok: true,
			value: '+14155550123',
		});
	});
});

describe('what each vendor receives, through the node', () => {
	const unmatched = guardUnmatchedRequests();

	/** The field of each vendor's request that carries the person's number. */
	const SENT: Record<string, (uri: string, body: IDataObject) => unknown> = {
		vambe: (_uri, body) => body.contact_phone_number,
		chatbotx: (uri) => decodeURIComponent(uri.split('/')[4]),
		rampwin: (_uri, body) => body.phone_number,
		hypersender: (_uri, body) => body.chat_id,
	};
	const WRITTEN: Record<string, (e164: string) => string> = {
		vambe: (e164) => e164,
		chatbotx: (e164) => `phone:${e164}`,
		rampwin: (e164) => e164,
		hypersender: (e164) => e164.slice(1),
	};

	const PEOPLE: Array<[string, string, string[]]> = [
		['a Chilean mobile', '+56987654321', platformSpellings('+56987654321')],
		['a Mexican mobile', '+525512345678', mexicanWhatsAppSpellings('+525512345678')],
		['an Argentine mobile', '+5491123456789', platformSpellings('+5491123456789')],
		['a US number', '+14155550123', platformSpellings('+14155550123')],
	];

	describe.each(UPSERT_CASES.map((upsert) => [upsert.provider, upsert] as const))(
		'%s',
		(provider, upsert) => {
			it.each(PEOPLE)('%s: one request form for every spelling', async (_who, e164, spellings) => {
				const { scope, sent } = interceptRequests(
					{
						origin: upsert.origin,
						path: /.*/,
						reqheaders: {},
						badheaders: [],
					},
					spellings.map(() => ({ status: 200, body: upsert.success })),
				);
				const output = await runNode({
					parameters: upsert.parameters,
					items: spellings.map((phone) => ({ phone })),
				});
				scope.done();
				expect(unmatched).toEqual([]);
				const forms = sent.map((request) =>
					SENT[provider](request.uri, request.body as IDataObject),
				);
				expect(new Set(forms)).toEqual(new Set([WRITTEN[provider](e164)]));
				expect(output[0]).toHaveLength(spellings.length);
				for (const item of output[0]) expect(item.json).not.toHaveProperty('phoneNotes');
				if (provider === 'hypersender') {
					expect(new Set(output[0].map((item) => item.json.contactId))).toEqual(
						new Set([e164.slice(1)]),
					);
				}
			});

			it('a Brazilian WhatsApp ID without the ninth digit: sent with it, and the output says so', async () => {
				const { scope, sent } = interceptRequests(
					{ origin: upsert.origin, path: /.*/, reqheaders: {}, badheaders: [] },
					[
						{ status: 200, body: upsert.success },
						{ status: 200, body: upsert.success },
					],
				);
				const output = await runNode({
					parameters: upsert.parameters,
					items: [{ phone: '551187654321@s.whatsapp.net' }, { phone: '+55 11 98765 4321' }],
				});
				scope.done();
				const forms = sent.map((request) =>
					SENT[provider](request.uri, request.body as IDataObject),
				);
				expect(forms).toEqual([
					WRITTEN[provider]('+5511987654321'),
					WRITTEN[provider]('+5511987654321'),
				]);
				expect(output[0][0].json.phoneNotes).toEqual([
					expect.stringMatching(
						/^\+55 11 8765 4321 was sent as \+55 11 98765 4321: .*the 9 was added\.$/,
					),
				]);
				expect(output[0][1].json).not.toHaveProperty('phoneNotes');
			});

			it('an @lid ID in a phone field is refused with the reason, nothing sent', async () => {
				if (provider === 'hypersender') return;
				const output = await runNode({
					parameters: upsert.parameters,
					items: [{ phone: '123456789012345@lid' }],
					onError: 'continueRegularOutput',
				});
				expect(unmatched).toEqual([]);
				expect(String(output[0][0].json.error)).toContain(
					'"123456789012345@lid" is a WhatsApp @lid ID, which hides the phone number',
				);
			});
		},
	);

	it('phoneNotes is in the output with Simplify off and in a preview too', async () => {
		const upsert = UPSERT_CASES.find((candidate) => candidate.provider === 'rampwin');
		if (!upsert) throw new Error('no Rampwin case');
		const { scope } = interceptRequests(
			{ origin: upsert.origin, path: /.*/, reqheaders: {}, badheaders: [] },
			[{ status: 200, body: upsert.success }],
		);
		const items = [{ phone: '551187654321@c.us' }];
		const raw = await runNode({ parameters: { ...upsert.parameters, simplify: false }, items });
		scope.done();
		const preview = await runNode({
			parameters: { ...upsert.parameters, options: { previewOnly: true } },
			items,
		});
		expect(unmatched).toEqual([]);
		for (const output of [raw, preview]) {
			expect(output[0][0].json.phoneNotes).toEqual([
				expect.stringContaining('+55 11 8765 4321 was sent as +55 11 98765 4321'),
			]);
		}
		expect(raw[0][0].json).toMatchObject(upsert.success);
	});

	it('Hypersender sends an @lid ID as given', async () => {
		const upsert = UPSERT_CASES.find((candidate) => candidate.provider === 'hypersender');
		if (!upsert) throw new Error('no Hypersender case');
		const { scope, sent } = interceptRequests(
			{ origin: upsert.origin, path: upsert.path, reqheaders: {}, badheaders: [] },
			[{ status: 200, body: upsert.success }],
		);
		await runNode({ parameters: upsert.parameters, items: [{ phone: '123456789012345:3@lid' }] });
		scope.done();
		expect(sent.map((request) => (request.body as IDataObject).chat_id)).toEqual([
			'123456789012345@lid',
		]);
	});
});

describe('the same-contact order key uses the canonical form', () => {
	it.each(UPSERT_CASES.map((upsert) => [upsert.provider, upsert] as const))(
		'%s: 521… and 52… rows of one person share a key',
		(provider) => {
			const definition = findProvider(provider);
			if (!definition) throw new Error(`no provider ${provider}`);
			const upsert = UPSERT_CASES.find((candidate) => candidate.provider === provider);
			const keys = ['+52 55 1234 5678', '5215512345678@c.us', 'https://wa.me/5215512345678'].map(
				(phone) => {
					const raw = Object.fromEntries(
						Object.entries(upsert?.parameters ?? {}).map(([name, value]) => [
							name,
							value === '={{ $json.phone }}' ? phone : value,
						]),
					);
					const parsed = definition.schema({}).parse(raw);
					return definition.contactKey(parsed);
				},
			);
			expect(new Set(keys).size).toBe(1);
		},
	);
});
