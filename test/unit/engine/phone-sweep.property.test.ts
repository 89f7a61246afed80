import fc from 'fast-check';
import {
	getCountries,
	getCountryCallingCode,
	getExampleNumber,
	parsePhoneNumberFromString,
	type CountryCode,
	type PhoneNumber,
} from 'libphonenumber-js/max';
import { Metadata } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';

import { formatPhone } from '../../../nodes/engine/phone';
import { phoneTable } from '../helpers/tables';

/**
 * Sweeps built from libphonenumber-js's own metadata. The package ships one example set,
 * examples.mobile.json (a mobile number for every region), so that is the table: every region,
 * its example written in every way people write it.
 */

const COUNTRIES = getCountries();

interface Example {
	country: CountryCode;
	number: PhoneNumber;
}

const EXAMPLES: Example[] = COUNTRIES.flatMap((country) => {
	const number = getExampleNumber(country, examples);
	return number ? [{ country, number }] : [];
});

/** Regions whose dialling rules rewrite a national number (add an area code, Argentina's 9). */
const TRANSFORMING = new Set(
	COUNTRIES.filter((country) => {
		const plans = new Metadata(metadata);
		plans.selectNumberingPlan(country);
		const plan = plans.numberingPlan as unknown as { nationalPrefixTransformRule(): unknown };
		return Boolean(plan.nationalPrefixTransformRule());
	}),
);

/** A formatted number with its spaces replaced by another separator. */
const SEPARATED = (text: string): string[] => [
	text,
	text.replace(/ /g, '-'),
	text.replace(/ /g, '.'),
	text.replace(/ /g, ''),
	text.replace(/ /g, '\u00a0'),
	text.replace(/ /g, ' / '),
];

/** Every way the table writes one example number, with the default country to read it with. */
function writings({ country, number }: Example): Array<[string, CountryCode | undefined]> {
	const national = number.formatNational();
	const international = number.formatInternational();
	const code = number.countryCallingCode;
	const rest = international.slice(code.length + 2);
	const digits = number.number.slice(1);
	const [areaCode, ...subscriber] = rest.split(' ');
	return [
		...SEPARATED(national).map((text): [string, CountryCode] => [text, country]),
		...SEPARATED(international).map((text): [string, undefined] => [text, undefined]),
		...SEPARATED(international).map((text): [string, CountryCode] => [text, country]),
		...SEPARATED(`00 ${international.slice(1)}`).map((text): [string, undefined] => [
			text,
			undefined,
		]),
		...SEPARATED(`00 ${international.slice(1)}`).map((text): [string, CountryCode] => [
			text,
			country,
		]),
		[`(+${code}) ${rest}`, undefined],
		[`+${code} (${areaCode}) ${subscriber.join('-')}`, country],
		[digits, undefined],
		[`\u202a${international}\u202c`, undefined],
		[`\u200e${national}\u200f`, country],
		[toFullWidth(international), undefined],
	];
}

function toFullWidth(text: string): string {
	return text.replace(/[0-9+]/g, (character) =>
		String.fromCharCode(character.charCodeAt(0) + 0xfee0),
	);
}

describe('every region’s example number, written every way, gives the same E.164', () => {
	it('has an example for every region libphonenumber-js knows', () => {
		expect(EXAMPLES.map(({ country }) => country)).toEqual(COUNTRIES);
		expect(EXAMPLES.length).toBeGreaterThan(240);
	});

	it.each(EXAMPLES.map((example) => [example.country, example] as const))(
		'%s',
		(_country, example) => {
			const expected = example.number.number;
			for (const [text, country] of writings(example)) {
				expect([text, country, formatPhone(text, 'e164', country)]).toEqual([
					text,
					country,
					{ ok: true, value: expected },
				]);
				expect(formatPhone(text, 'digits', country)).toEqual({
					ok: true,
					value: expected.slice(1),
				});
			}
		},
	);
});

describe('a number never changes country', () => {
	it('reads every example written with + or 00 as its own country, whatever the default country', () => {
		const wrong: string[] = [];
		for (const example of EXAMPLES) {
			const international = example.number.formatInternational();
			for (const country of COUNTRIES) {
				for (const text of [international, `00${international.slice(1)}`]) {
					const result = formatPhone(text, 'e164', country);
					if (!result.ok || result.value !== example.number.number) {
						wrong.push(`${text} (${country}) → ${JSON.stringify(result)}`);
					}
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('reads every national example with any other default country as that country or refuses it', () => {
		const wrong: string[] = [];
		for (const example of EXAMPLES) {
			const national = example.number.formatNational();
			for (const country of COUNTRIES) {
				const result = formatPhone(national, 'e164', country);
				if (result.ok && !result.value.startsWith(`+${getCountryCallingCode(country)}`)) {
					wrong.push(`${national} (${country}) → ${result.value}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	describe.each(phoneTable('country', 'reads'))('%s', (_group, rows) => {
		it.each(rows)('reads %j with %s as that country’s number %s', (text, country, e164) => {
			expect(formatPhone(text, 'e164', country)).toEqual({ ok: true, value: e164 });
		});
	});

	describe.each(phoneTable('country', 'refuses'))('%s', (_group, rows) => {
		it.each(rows)('refuses %j with %s: %s', (text, country, reason) => {
			const result = formatPhone(text, 'e164', country);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.reason).toContain(reason);
		});
	});

	it('names what a number dialled abroad would be, so the user can write it with +', () => {
		expect(formatPhone('011 44 7911 123456', 'e164', 'US')).toEqual({
			ok: false,
			reason:
				'is not a US number: it starts with the prefix for calling abroad from US. Write it with + and the country code (+44 7911 123456)',
		});
	});
});

describe('properties over random input', () => {
	const country = fc.constantFrom(...COUNTRIES);
	const digits = fc.stringMatching(/^[0-9]{1,20}$/);
	/** Digits without the international prefix 00, which the default country does not apply to. */
	const nationalDigits = digits.filter((text) => !text.startsWith('00'));

	it('random digits with a default country are that country’s number or refused', () => {
		fc.assert(
			fc.property(nationalDigits, country, (text, region) => {
				const result = formatPhone(text, 'e164', region);
				if (result.ok)
					expect(result.value.startsWith(`+${getCountryCallingCode(region)}`)).toBe(true);
			}),
			{ numRuns: 20000 },
		);
	});

	it('never adds digits the user did not write, beyond the country code and the region’s own dialling rules', () => {
		fc.assert(
			fc.property(nationalDigits, country, (text, region) => {
				const result = formatPhone(text, 'e164', region);
				if (!result.ok) return;
				const national = result.value.slice(1 + getCountryCallingCode(region).length);
				if (TRANSFORMING.has(region)) {
					// Those rules only prefix (an area code, Argentina's 9 in place of 15): the
					// subscriber digits are kept as written, none cut off the end.
					expect(text.endsWith(national.slice(-4))).toBe(true);
				} else {
					expect(text.endsWith(national)).toBe(true);
				}
			}),
			{ numRuns: 20000 },
		);
	});

	it('random digits after + keep the country code written and every subscriber digit', () => {
		fc.assert(
			fc.property(digits, fc.option(country, { nil: undefined }), (text, region) => {
				const result = formatPhone(`+${text}`, 'e164', region);
				if (!result.ok) return;
				const number = parsePhoneNumberFromString(result.value);
				expect(number).toBeDefined();
				if (!number) return;
				// A trunk prefix written after the country code (+44 (0)20 …) may be dropped.
				expect(text.startsWith(number.countryCallingCode)).toBe(true);
				const kept =
					number.country && TRANSFORMING.has(number.country)
						? number.nationalNumber.slice(-4)
						: number.nationalNumber;
				expect(text.endsWith(kept)).toBe(true);
			}),
			{ numRuns: 20000 },
		);
	});

	it('a digit more or less than a region’s example is never cut off or made up', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...EXAMPLES),
				fc.constantFrom('drop', 'add'),
				fc.integer({ min: 0, max: 9 }),
				({ number }, change, digit) => {
					const international = number.number;
					const text = change === 'drop' ? international.slice(0, -1) : `${international}${digit}`;
					const result = formatPhone(text, 'e164');
					// Some plans have numbers of several lengths, so the changed number may be
					// another valid number; then it is sent with the digits written, the last one
					// included (only a trunk prefix after the country code may go).
					if (!result.ok) return;
					const code = number.countryCallingCode;
					expect(result.value.startsWith(`+${code}`)).toBe(true);
					if (result.note) {
						// The one digit ever added: Brazil's ninth, after the area code, and said so.
						expect(result.value).toBe(`${text.slice(0, 5)}9${text.slice(5)}`);
						expect(result.note).toContain('the 9 was added');
						return;
					}
					expect(text.endsWith(result.value.slice(1 + code.length))).toBe(true);
				},
			),
			{ numRuns: 5000 },
		);
	});

	/** Characters people and copy-paste put between digits, visible or not. */
	const noise = fc.constantFrom(
		' ',
		'-',
		'.',
		'/',
		'(',
		')',
		'\u00a0',
		'\u202f',
		'\u2007',
		'\u2013',
		'\u200b',
		'\u200c',
		'\u200d',
		'\u200e',
		'\u200f',
		'\u202a',
		'\u202c',
		'\u2066',
		'\u2069',
		'\ufeff',
		'\u00ad',
	);

	/** The text with noise inserted after random characters and some digits made full-width. */
	const noisy = (text: string) =>
		fc
			.array(fc.tuple(fc.array(noise, { maxLength: 2 }), fc.boolean()), {
				minLength: text.length + 1,
				maxLength: text.length + 1,
			})
			.map(
				(choices) =>
					Array.from(text, (character, index) => {
						const [inserted, wide] = choices[index];
						const shown = wide && /[0-9]/.test(character) ? toFullWidth(character) : character;
						return inserted.join('') + shown;
					}).join('') + choices[text.length][0].join(''),
			);

	it('formatting noise and invisible characters never change the result', () => {
		fc.assert(
			fc.property(
				fc
					.constantFrom(...EXAMPLES)
					.chain((example) =>
						fc.constantFrom<[string, CountryCode | undefined]>(
							[example.number.number, undefined],
							[example.number.nationalNumber, example.country],
							[`00${example.number.number.slice(1)}`, example.country],
							[example.number.formatNational().replace(/\D/g, ''), example.country],
						),
					)
					.chain(([text, region]) => fc.tuple(fc.constant(text), fc.constant(region), noisy(text))),
				([text, region, written]) => {
					expect(formatPhone(written, 'e164', region)).toEqual(formatPhone(text, 'e164', region));
				},
			),
			{ numRuns: 5000 },
		);
	});

	it('formatting noise never changes the result for random digits either', () => {
		fc.assert(
			fc.property(
				fc
					.tuple(digits, fc.option(country, { nil: undefined }))
					.chain(([text, region]) => fc.tuple(fc.constant(text), fc.constant(region), noisy(text))),
				([text, region, written]) => {
					expect(formatPhone(written, 'e164', region)).toEqual(formatPhone(text, 'e164', region));
				},
			),
			{ numRuns: 5000 },
		);
	});
});
