import { backoffDelay, parseRetryAfter } from '../../../nodes/engine/transport';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-21T10:00:00Z');

	it.each([
		['7', 7_000],
		['0', 0],
		['Sat, 21 Nov 2026 10:00:30 GMT', 30_000],
		['Sat, 21 Nov 2026 09:59:00 GMT', 0],
	])('reads %p as %i ms', (header, expected) => {
		expect(parseRetryAfter(header, now)).toBe(expected);
	});

	it.each([undefined, '', 'soon', [''], '1.5'])('ignores %p', (header) => {
		expect(parseRetryAfter(header, now)).toBeUndefined();
	});

	it('reads the first value of a repeated header', () => {
		expect(parseRetryAfter(['3', '9'], now)).toBe(3_000);
	});
});

describe('backoffDelay', () => {
	it.each([
		[0, 250, 500],
		[1, 500, 1_000],
		[3, 2_000, 4_000],
		[10, 15_000, 30_000],
	])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
		expect(backoffDelay(attempt, () => 0)).toBe(low);
		expect(backoffDelay(attempt, () => 1)).toBe(high);
	});
});
