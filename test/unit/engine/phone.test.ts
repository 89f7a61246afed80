import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import nock from 'nock';
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { formatPhone, isCountryCode } from '../../../nodes/engine/phone';
import { runNode } from '../helpers/runNode';
import { phoneTable } from '../helpers/tables';
import { guardUnmatchedRequests } from '../helpers/vendorHttp';

/** Numbers no vendor can reach, and what the reason must say. */
const UNREADABLE: Array<[string, string, string | undefined, string]> = [
	['too short', '123', undefined, 'has too few digits for a +1 number; digits without +'],
	['too short for its country', '123', 'CL', 'has too few digits for a CL number'],
	['a digit missing', '+56 9 1234 567', undefined, 'has too few digits for a +56 number'],
	['a digit missing (national)', '9 1234 567', 'CL', 'has too few digits for a CL number'],
	['too long', '+56 9 1234 5678 9012', undefined, 'has too many digits for a +56 number'],
	['twenty digits', '12345678901234567890', undefined, 'has too many digits for a phone number'],
	[
		'an unknown country code',
		'+999 1234 5678',
		undefined,
		'does not start with a country calling code',
	],
	['national without a default country', '9 1234 5678', undefined, 'Options → Default Country'],
	['letters', 'abc', undefined, 'may contain only digits'],
	['letters inside', '+56 9 CALL ME', undefined, 'may contain only digits'],
	['an extension word', '+1 213 213 2131 ext 5', undefined, 'may contain only digits'],
	['an e-mail', 'jane@example.com', undefined, 'may contain only digits'],
	['empty', '', undefined, 'is empty'],
	['only spaces', '   ', undefined, 'is empty'],
];

describe('formatPhone', () => {
	// Numbers written in the ways people and spreadsheets write them, and their E.164 form.
	describe.each(phoneTable('formatPhone', 'readable'))('%s', (_group, rows) => {
		it.each(rows)('reads %j (default country %s) as %s', (input, country, e164) => {
			expect(formatPhone(input, 'e164', country)).toEqual({ ok: true, value: e164 });
			expect(formatPhone(input, 'digits', country)).toEqual({ ok: true, value: e164.slice(1) });
		});
	});

	it.each(UNREADABLE)('refuses %s (%j, default country %s)', (_case, input, country, reason) => {
		for (const format of ['e164', 'digits'] as const) {
			const result = formatPhone(input, format, country);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.reason).toContain(reason);
		}
	});

	it.each([
		['+56 9 1234 5678', '+56912345678'],
		['+1 555 555 0100', '+15555550100'],
	])(
		'accepts %j, which has a possible length but is not in a range libphonenumber knows',
		(input, e164) => {
			// The deliberate choice in phone.ts: allocation lists lag behind, so only the length is
			// enforced. Guard that the example really is "possible but not valid".
			const parsed = parsePhoneNumberFromString(input);
			expect(parsed?.isPossible()).toBe(true);
			expect(parsed?.isValid()).toBe(false);

			expect(formatPhone(input, 'e164')).toEqual({ ok: true, value: e164 });
		},
	);

	it('never re-reads a national number as another country when it is not valid for its own', () => {
		// With CL as default, "12132132131" has a length Chile allows in general but no Chilean
		// mobile or fixed-line number has; it is refused rather than sent as the US +1 213 213 2131.
		const national = parsePhoneNumberFromString('12132132131', 'CL');
		expect(national?.isPossible()).toBe(true);
		expect(national?.isValid()).toBe(false);

		expect(formatPhone('12132132131', 'e164', 'CL')).toEqual({
			ok: false,
			reason: 'is not a valid CL number',
		});
	});

	it('does not read a US national number as international digits when no country is set', () => {
		// "213…" would otherwise become an Algerian (+213) number.
		expect(formatPhone('213-213-2131', 'e164').ok).toBe(false);
	});
});

describe('isCountryCode', () => {
	it.each([
		['CL', true],
		['cl', true],
		['US', true],
		['BR', true],
		['GB', true],
		['MX', true],
		['ES', true],
		['UK', false],
		['XX', false],
		['CHL', false],
		['', false],
	])('%j → %s', (code, expected) => {
		expect(isCountryCode(code)).toBe(expected);
	});
});

/** How each vendor carries the contact's phone number on the wire. */
interface VendorCase {
	name: string;
	origin: string;
	response: IDataObject;
	/** Field label in error messages. */
	label: string;
	parameters(phone: string | number): INodeParameters;
	/** The phone number as it arrived at the vendor. */
	extract(uri: string, body: IDataObject): unknown;
	/** What the vendor must receive for an E.164 number. */
	expected(e164: string): unknown;
}

const VENDORS: VendorCase[] = [
	{
		name: 'Vambe',
		origin: 'https://api.vambe.me',
		response: { id: 'c-1', phone: '+56912345678' },
		label: 'Contact Phone Number',
		parameters: (phone) => ({
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: '+56 9 1111 2222',
			phoneNumber: phone,
		}),
		extract: (_uri, body) => [body.contact_phone_number, body.channel_phone_number],
		expected: (e164) => [e164, '+56911112222'],
	},
	{
		name: 'ChatbotX',
		origin: 'https://app.chatbotx.io',
		response: { id: 42 },
		label: 'Identifier',
		parameters: (phone) => ({
			provider: 'chatbotx',
			identifier: phone,
			additionalFields: { phoneNumber: phone },
		}),
		extract: (uri, body) => [
			decodeURIComponent(/^\/api\/v1\/contacts\/([^/]+)\/upsert$/.exec(uri)?.[1] ?? uri),
			body.phoneNumber,
		],
		expected: (e164) => [`phone:${e164}`, e164],
	},
	{
		name: 'Rampwin',
		origin: 'https://api.rampwin.com',
		response: { success: true, data: { _id: 'r-1' } },
		label: 'Phone Number',
		parameters: (phone) => ({
			provider: 'rampwin',
			rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
			phoneNumber: phone,
		}),
		extract: (_uri, body) => body.phone_number,
		expected: (e164) => e164,
	},
	{
		name: 'Hypersender',
		origin: 'https://app.hypersender.com',
		response: { message: 'Contact upserted successfully.', data: { success: true } },
		label: 'Chat ID',
		parameters: (phone) => ({ provider: 'hypersender', chatId: phone, firstName: 'Jane' }),
		extract: (_uri, body) => body.chat_id,
		expected: (e164) => e164.slice(1),
	},
];

/** Inputs for the vendor table; each vendor must send the number in its own format. */
const VENDOR_INPUTS: Array<[string | number, string | undefined, string]> = [
	['+56 9 1234 5678', undefined, '+56912345678'],
	['0056 (9) 1234-5678', undefined, '+56912345678'],
	['  9.1234.5678  ', 'CL', '+56912345678'],
	[56912345678, undefined, '+56912345678'],
	['(213) 213-2131', 'US', '+12132132131'],
	['(11) 91234-5678', 'BR', '+5511912345678'],
	['07911 123456', 'GB', '+447911123456'],
	['55 1234 5678', 'MX', '+525512345678'],
	['612 34 56 78', 'ES', '+34612345678'],
];

describe('phone numbers as each vendor receives them', () => {
	const unmatched = guardUnmatchedRequests();

	function intercept(vendor: VendorCase) {
		const sent: Array<{ uri: string; body: IDataObject }> = [];
		const scope = nock(vendor.origin)
			.post(/.*/)
			.query(true)
			.reply((uri, body) => {
				sent.push({ uri, body: body as IDataObject });
				return [200, vendor.response];
			});
		return { scope, sent };
	}

	const table = VENDORS.flatMap((vendor) =>
		VENDOR_INPUTS.map(
			([input, country, e164]) => [vendor.name, input, country, e164, vendor] as const,
		),
	);

	it.each(table)(
		'%s receives %j (default country %s) as %s in its own format',
		async (_name, input, country, e164, vendor) => {
			const { scope, sent } = intercept(vendor);

			await runNode({
				// A number from an expression arrives as a JS number, not text.
				parameters: {
					...vendor.parameters('={{ $json.phone }}'),
					options: country ? { defaultCountry: country } : {},
				},
				items: [{ phone: input }],
			});

			scope.done();
			expect(vendor.extract(sent[0].uri, sent[0].body)).toEqual(vendor.expected(e164));
		},
	);

	const invalid = VENDORS.flatMap((vendor) =>
		['123', '+56 9 1234 5678 9012', '+56 9 CALL ME'].map(
			(input) => [vendor.name, input, vendor] as const,
		),
	);

	it.each(invalid)(
		'%s refuses %j before sending, naming the value, the field and the item',
		async (_name, input, vendor) => {
			const run = runNode({ parameters: vendor.parameters(input) });

			await expect(run).rejects.toThrow(NodeOperationError);
			await run.catch((error: Error) => {
				expect(error.message).toContain(`"${vendor.label}" of item 0`);
				expect(error.message).toContain(JSON.stringify(input));
			});
			expect(unmatched).toEqual([]);
		},
	);

	it.each(VENDORS.map((vendor) => [vendor.name, vendor] as const))(
		'%s refuses an empty phone number as a missing required field',
		async (_name, vendor) => {
			const run = runNode({
				parameters: vendor.parameters('={{ $json.phone }}'),
				items: [{ phone: '' }],
			});

			await expect(run).rejects.toThrow(`"${vendor.label}" of item 0`);
			await expect(run).rejects.toThrow('is required');
			expect(unmatched).toEqual([]);
		},
	);

	it('reads each item with its own default country', async () => {
		const vendor = VENDORS[2];
		const { scope, sent } = intercept(vendor);
		const second = intercept(vendor);

		await runNode({
			parameters: {
				...vendor.parameters('={{ $json.phone }}'),
				options: { defaultCountry: '={{ $json.country }}', concurrency: 1 },
			},
			items: [
				{ phone: '9 1234 5678', country: 'CL' },
				{ phone: '(213) 213-2131', country: 'us' },
			],
		});

		scope.done();
		second.scope.done();
		expect([...sent, ...second.sent].map((request) => request.body.phone_number)).toEqual([
			'+56912345678',
			'+12132132131',
		]);
	});

	it.each(['\u200eCL', 'CL\u200f', '\u00a0cl\u202c'])(
		'reads a default country pasted with invisible marks, %j, as that country',
		async (country) => {
			const vendor = VENDORS[2];
			const { scope, sent } = intercept(vendor);

			await runNode({
				parameters: {
					...vendor.parameters('={{ $json.phone }}'),
					options: { defaultCountry: '={{ $json.country }}' },
				},
				items: [{ phone: '9 1234 5678', country }],
			});

			scope.done();
			expect(sent.map((request) => request.body.phone_number)).toEqual(['+56912345678']);
		},
	);

	it.each(['XX', 'CHL', 'Chile', '56'])(
		'refuses the default country %j before sending',
		async (country) => {
			const run = runNode({
				parameters: {
					...VENDORS[2].parameters('+56 9 1234 5678'),
					options: { defaultCountry: country },
				},
			});

			await expect(run).rejects.toThrow(NodeOperationError);
			await expect(run).rejects.toThrow(
				`"Default Country" of item 0: ${JSON.stringify(country)} is not a two-letter ISO 3166 country code`,
			);
			expect(unmatched).toEqual([]);
		},
	);
});
