import fc from 'fast-check';

import { parseJsonExactly } from '../../../nodes/engine/transport/json';

/** Integers JavaScript cannot hold exactly, as JSON writes them. */
const unsafeInteger = fc
	.bigInt({ min: BigInt(2) ** BigInt(53) + BigInt(1), max: BigInt(10) ** BigInt(30) })
	.chain((value) => fc.constantFrom(`${value}`, `-${value}`));

/** What JSON allows around a value: nothing, or any of its four whitespace characters. */
const space = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r'), maxLength: 3 });

describe('parseJsonExactly', () => {
	it('keeps every digit of an unsafe integer wherever JSON can hold it', () => {
		fc.assert(
			fc.property(unsafeInteger, space, space, fc.nat(3), (digits, before, after, shape) => {
				const value = `${before}${digits}${after}`;
				const text = [
					value,
					`{"id":${value}}`,
					`[1,${value}]`,
					`{"a":"x","list":[${value},${value}]}`,
				][shape];
				const expected = [digits, { id: digits }, [1, digits], { a: 'x', list: [digits, digits] }][
					shape
				];
				expect(parseJsonExactly(text)).toEqual(expected);
			}),
		);
	});

	it('leaves long runs of digits inside strings as they are', () => {
		fc.assert(
			fc.property(
				unsafeInteger,
				fc.constantFrom('', ' ', ':', 'at: ', '[', ','),
				(digits, before) => {
					const text = JSON.stringify({ id: `${before}${digits}`, n: 5 });
					expect(parseJsonExactly(text)).toEqual({ id: `${before}${digits}`, n: 5 });
				},
			),
		);
	});
});
