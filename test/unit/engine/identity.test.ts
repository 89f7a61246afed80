import fc from 'fast-check';

import { quote } from '../../../nodes/engine/fieldSchemas';
import {
	asciiDigits,
	cleanIdentity,
	numberAsText,
	showInvisible,
} from '../../../nodes/engine/identity';
import { FORMAT_CHARACTERS, withInvisible } from '../helpers/invisible';
import { exampleTable } from '../helpers/tables';

/** A value as written and what must come of it, from fixtures/identity/examples.json. */
const identityTable = (table: string) => exampleTable<[string, string]>('identity/examples', table);

describe('cleanIdentity', () => {
	it('finds the format characters it must remove', () => {
		expect(FORMAT_CHARACTERS.length).toBeGreaterThan(150);
		expect(FORMAT_CHARACTERS).toEqual(expect.arrayContaining(['\u200e', '\u202a', '\ufeff']));
	});

	describe.each(identityTable('cleanIdentity'))('%s', (_group, rows) => {
		it.each(rows)('%j → %j', (input, expected) => {
			expect(cleanIdentity(input)).toBe(expected);
		});
	});

	it('removes any invisible character anywhere and keeps every visible one', () => {
		const visible = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });
		fc.assert(
			fc.property(
				visible.chain((text) => fc.tuple(fc.constant(text), withInvisible(text))),
				([text, written]) => {
					expect(cleanIdentity(written)).toBe(text.trim());
				},
			),
			{ numRuns: 2000 },
		);
	});
});

describe('asciiDigits', () => {
	it.each([
		['０１２３４５６７８９', '0123456789'],
		['＋５６', '+56'],
		['٠١٢٣٤٥٦٧٨٩', '0123456789'], // Arabic-Indic
		['۰۱۲۳۴۵۶۷۸۹', '0123456789'], // Extended Arabic-Indic
		['०१२३४५६७८९', '0123456789'], // Devanagari
		['০১২৩৪৫৬৭৮৯', '0123456789'], // Bengali
		['𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗', '0123456789'], // mathematical bold
		['（２１３）', '(213)'],
	])('%j → %j', (input, expected) => {
		expect(asciiDigits(input)).toBe(expected);
	});

	it('writes every Unicode decimal digit as the ASCII digit of the same value', () => {
		const digits: string[] = [];
		for (let code = 0; code <= 0x10ffff; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const character = String.fromCodePoint(code);
			if (/\p{Nd}/u.test(character)) digits.push(character);
		}
		expect(digits.length).toBeGreaterThan(600);
		// Every script's digits are encoded as runs of ten, zero first.
		const values = digits.map(asciiDigits);
		expect(values.every((value) => /^[0-9]$/.test(value))).toBe(true);
		expect(values.join('')).toBe('0123456789'.repeat(digits.length / 10));
	});
});

describe('showInvisible and quote', () => {
	describe.each(identityTable('quote'))('%s', (_group, rows) => {
		it.each(rows)('quotes %j as %s', (input, expected) => {
			expect(quote(input)).toBe(expected);
		});
	});

	it('never shows an invisible character as itself and never grows past its limit', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 200 }).chain((text) => withInvisible(text)),
				(text) => {
					const quoted = quote(text);
					expect(/[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}]/u.test(quoted)).toBe(false);
					// 60 characters as shown, plus one code that may straddle the limit and the ellipsis.
					expect(JSON.parse(quoted).length).toBeLessThanOrEqual(60 + 10 + 1);
				},
			),
			{ numRuns: 2000 },
		);
	});

	it('shows two values that look the same as different', () => {
		expect(showInvisible('jane@example.com')).not.toBe(showInvisible('jane@example.com\u200e'));
	});
});

describe('numberAsText', () => {
	it('refuses any number beyond the safe-integer range, with the hint to send text', () => {
		const unsafe = fc.oneof(
			fc.double({ min: 2 ** 53, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
			fc.double({ min: -Number.MAX_VALUE, max: -(2 ** 53), noNaN: true, noDefaultInfinity: true }),
		);
		fc.assert(
			fc.property(unsafe, fc.boolean(), (value, wholeOnly) => {
				const result = numberAsText(value, { wholeOnly });
				expect(result.ok).toBe(false);
				if (!result.ok) {
					expect(result.reason).toContain('9007199254740991');
					expect(result.reason).toContain('send it as text');
				}
			}),
			{ numRuns: 5000 },
		);
	});

	it('writes every safe integer as its exact digits', () => {
		fc.assert(
			fc.property(fc.maxSafeInteger(), fc.boolean(), (value, wholeOnly) => {
				expect(numberAsText(value, { wholeOnly })).toEqual({
					ok: true,
					value: String(value),
				});
				expect(BigInt(String(value))).toBe(BigInt(value));
			}),
			{ numRuns: 5000 },
		);
	});

	it('refuses fractions for IDs and phone numbers, and keeps plain decimals elsewhere', () => {
		const fraction = fc
			.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
			.filter((value) => !Number.isInteger(value));
		fc.assert(
			fc.property(fraction, (value) => {
				expect(numberAsText(value, { wholeOnly: true }).ok).toBe(false);
				const text = numberAsText(value, { wholeOnly: false });
				if (text.ok) {
					expect(text.value).toBe(String(value));
					expect(Number(text.value)).toBe(value);
				} else {
					// Only values JavaScript prints in exponent notation (1e-7) are refused.
					expect(String(value)).toMatch(/e/);
				}
			}),
			{ numRuns: 5000 },
		);
	});

	it.each([Number('11590944070189057'), Number.NaN, Number.POSITIVE_INFINITY, 12.5])(
		'refuses %s for an ID',
		(value) => {
			expect(numberAsText(value, { wholeOnly: true }).ok).toBe(false);
		},
	);

	it('names the rounded value and the limit for the ChatbotX ID from the issue', () => {
		expect(numberAsText(Number('11590944070189057'), { wholeOnly: true })).toEqual({
			ok: false,
			reason:
				'is the number 11590944070189056. JavaScript holds whole numbers exactly only up to 9007199254740991, so the value was rounded before it reached this node. Make the source send it as text (a quoted string in JSON), then map that text.',
		});
	});
});
