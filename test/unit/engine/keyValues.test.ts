import { keyValues } from '../../../nodes/engine/fieldSchemas';

const rows = (...pairs: Array<[unknown, unknown]>) => ({
	field: pairs.map(([key, value]) => ({ key, value })),
});

/** What the first issue of a refused value says. */
function refusal(value: unknown, reserved: string[] = []): string | undefined {
	const parsed = keyValues({ reserved }).safeParse(value);
	return parsed.success ? undefined : parsed.error.issues[0].message;
}

describe('key/value fields (Custom Fields)', () => {
	it.each<[string, unknown, Array<{ key: string; value: string }> | undefined]>([
		['nothing entered', undefined, undefined],
		['an empty collection', {}, undefined],
		['no rows', { field: [] }, undefined],
		['text', rows(['city', 'Santiago']), [{ key: 'city', value: 'Santiago' }]],
		['a trimmed key', rows(['  city ', 'x']), [{ key: 'city', value: 'x' }]],
		['a number', rows(['score', 12.5]), [{ key: 'score', value: '12.5' }]],
		['a boolean', rows(['vip', true]), [{ key: 'vip', value: 'true' }]],
		['an empty value', rows(['note', '']), [{ key: 'note', value: '' }]],
		['a numeric key', rows([7, 'x']), [{ key: '7', value: 'x' }]],
		[
			'a key named like an object member',
			rows(['constructor', 'x']),
			[{ key: 'constructor', value: 'x' }],
		],
		[
			'two keys',
			rows(['a', '1'], ['b', '2']),
			[
				{ key: 'a', value: '1' },
				{ key: 'b', value: '2' },
			],
		],
	])('reads %s', (_name, value, expected) => {
		expect(keyValues().parse(value)).toEqual(expected);
	});

	it.each<[string, unknown, string]>([
		['a list', [], 'must be a list of key/value pairs. Use "Add Field" to add each one.'],
		[
			'rows that are no list',
			{ field: 'x' },
			'must be a list of key/value pairs. Use "Add Field" to add each one.',
		],
		[
			'a row without a key',
			rows(['a', '1'], ['', '2']),
			"row 2 has no key. Enter the field's key or remove the row.",
		],
		[
			'an object value',
			rows(['a', { b: 1 }]),
			'the value of "a" must be text, a number or a boolean, not an object.',
		],
		['a repeated key', rows(['a', '1'], [' a', '2']), '"a" appears twice. Keep one row per key.'],
		[
			'__proto__',
			rows(['__proto__', 'x']),
			'"__proto__" cannot be sent as a key. Rename the field.',
		],
		[
			'__proto__ after a valid row',
			rows(['a', '1'], [' __proto__ ', '{}']),
			'"__proto__" cannot be sent as a key. Rename the field.',
		],
	])('refuses %s', (_name, value, message) => {
		expect(refusal(value)).toBe(message);
	});

	it.each(['phone_number', 'email'])('refuses the reserved key %j', (key) => {
		expect(refusal(rows([key, 'x']), ['phone_number', 'email'])).toBe(
			`"${key}" is set by the node's own field; use that field instead of a custom field.`,
		);
	});
});
