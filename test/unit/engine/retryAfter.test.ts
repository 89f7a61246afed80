import fc from 'fast-check';

import { MAX_RETRY_AFTER_VALUE_MS, parseRetryAfter } from '../../../nodes/engine/transport';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (value: number) => String(value).padStart(2, '0');
const time = (date: Date) =>
	`${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;

/** The three HTTP-date forms of RFC 9110 §5.6.7, written out independently of the parser. */
const FORMS: Record<string, (date: Date) => string> = {
	'IMF-fixdate': (date) => date.toUTCString(),
	'RFC 850': (date) =>
		`${LONG_DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${two(date.getUTCFullYear() % 100)} ${time(date)} GMT`,
	asctime: (date) =>
		`${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${time(date)} ${date.getUTCFullYear()}`,
};

/** Whole seconds (HTTP dates carry no fraction), within 49 years of now so RFC 850 is unambiguous. */
const dates = fc
	.integer({ min: NOW / 1000 - 49 * 365 * 86400, max: NOW / 1000 + 49 * 365 * 86400 })
	.map((seconds) => new Date(seconds * 1000));

const ows = fc.stringMatching(/^[ \t]{0,3}$/);

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
	it('reads any run of digits as that many seconds, capped far beyond any wait', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[0-9]{1,40}$/), ows, ows, (digits, before, after) => {
				const expected = Math.min(Number(digits) * 1000, MAX_RETRY_AFTER_VALUE_MS);
				expect(parseRetryAfter(`${before}${digits}${after}`, NOW)).toBe(expected);
			}),
		);
	});

	it.each(Object.entries(FORMS))('reads an HTTP-date in %s form', (_name, format) => {
		fc.assert(
			fc.property(dates, ows, (date, padding) => {
				expect(parseRetryAfter(`${padding}${format(date)}${padding}`, NOW)).toBe(
					Math.max(0, date.getTime() - NOW),
				);
			}),
		);
	});

	it('reads an RFC 850 two-digit year as the most recent past year when it is over 50 years ahead', () => {
		// 2026 + 51 = 2077 is too far ahead: "77" is 1977.
		expect(parseRetryAfter('Sunday, 06-Nov-77 08:49:37 GMT', NOW)).toBe(0);
		// "76" is 2076, 50 years ahead: a wait far beyond what the node accepts, not "now".
		expect(parseRetryAfter('Friday, 06-Nov-76 08:49:37 GMT', NOW)).toBe(
			Date.UTC(2076, 10, 6, 8, 49, 37) - NOW,
		);
	});

	/** Values that are neither delay-seconds nor an HTTP-date, by construction. */
	const notRetryAfter = fc.oneof(
		// Lists, signs, fractions, exponents and words around digits.
		fc
			.tuple(
				fc.stringMatching(/^[0-9]{1,6}$/),
				fc.constantFrom('-', '+', '.', ',', ', ', 'e', 'E', ' s', 'ms', '0x', '_'),
				fc.stringMatching(/^[0-9]{0,4}$/),
				fc.boolean(),
			)
			.map(([digits, mark, more, markFirst]) =>
				markFirst ? `${mark}${digits}${more}` : `${digits}${mark}${more}`,
			),
		fc.constantFrom('', ' ', '\t', 'Infinity', '-Infinity', 'NaN', 'now', 'null', '١٢٣', '１２'),
		// Dates JavaScript reads but HTTP does not.
		dates.chain((date) =>
			fc.constantFrom(
				date.toISOString(),
				date.toString(),
				date.toUTCString().toLowerCase(),
				date.toUTCString().replace('GMT', 'UTC'),
				date.toUTCString().replace('GMT', '+0000'),
				date.toUTCString().replace(', ', ' '),
				date.toUTCString().replace(/ (\d\d):/, ' $1.'),
				`${date.toUTCString()},`,
				String(date.getTime()).replace(/^(\d)/, '$1.'),
				FORMS['RFC 850'](date).replace('-', ' '),
				FORMS.asctime(date).replace(/ (\d{4})$/, ' GMT $1'),
			),
		),
		// Calendar dates that do not exist, in an otherwise valid form.
		fc.constantFrom(
			'Mon, 31 Feb 2026 10:00:00 GMT',
			'Mon, 00 Mar 2026 10:00:00 GMT',
			'Mon, 01 Mar 2026 24:00:00 GMT',
			'Mon, 01 Mar 2026 10:60:00 GMT',
			'Mon, 01 Mar 2026 10:00:61 GMT',
			'Monday, 30-Feb-26 10:00:00 GMT',
			'Mon Feb 30 10:00:00 2026',
		),
		// Arbitrary text with no digit run on its own and no GMT date in it.
		fc.string({ maxLength: 40 }).filter((text) => !/^[ \t]*[0-9]+[ \t]*$/.test(text)),
	);

	it('ignores everything else, so the caller falls back to its backoff', () => {
		fc.assert(
			fc.property(notRetryAfter, (value) => {
				expect(parseRetryAfter(value, NOW)).toBeUndefined();
			}),
			{ numRuns: 2000 },
		);
	});

	it.each([['12, 5'], ['-5'], ['1e3'], [' '], ['Infinity'], ['0.4'], ['2026-11-29T12:00:10Z']])(
		'ignores %j',
		(value) => {
			expect(parseRetryAfter(value, NOW)).toBeUndefined();
		},
	);

	it('reads a date in the past as "retry now"', () => {
		expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
	});

	it('takes numbers only when they are whole, non-negative seconds', () => {
		expect(parseRetryAfter(3, NOW)).toBe(3000);
		expect(parseRetryAfter(-1, NOW)).toBeUndefined();
		expect(parseRetryAfter(0.5, NOW)).toBeUndefined();
		expect(parseRetryAfter(Infinity, NOW)).toBeUndefined();
	});

	it('reads the first of a repeated header, as Node keeps only the first', () => {
		expect(parseRetryAfter(['7', '8'], NOW)).toBe(7000);
		expect(parseRetryAfter(['soon', '8'], NOW)).toBeUndefined();
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
	});
});
