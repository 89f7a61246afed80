import { z } from 'zod';

import {
	collection,
	fieldSchema,
	objectSchema,
	variantsSchema,
	type FieldSchema,
} from '../../../nodes/engine/schema';

/** A text field that refuses anything but text, and counts how often it was read. */
function countedText(reads: string[], name: string) {
	return fieldSchema((value, ctx): string | undefined => {
		reads.push(name);
		if (value === undefined) return undefined;
		if (typeof value !== 'string') {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be text.` });
			return z.NEVER;
		}
		return value.trim();
	});
}

function firstIssue<T>(schema: FieldSchema<T>, value: unknown) {
	const result = schema.safeParse(value);
	if (result.success) return undefined;
	const [issue] = result.error.issues;
	return { path: issue.path.join('.'), message: issue.message };
}

describe('provider schemas put together from field schemas', () => {
	const reads: string[] = [];
	const schema = objectSchema({
		name: countedText(reads, 'name'),
		extra: collection({ city: countedText(reads, 'city'), note: countedText(reads, 'note') }),
		last: countedText(reads, 'last'),
	});

	beforeEach(() => {
		reads.length = 0;
	});

	it.each<[string, unknown, unknown]>([
		[
			'every field read',
			{ name: ' Jane ', extra: { city: 'Lima' }, last: 'x' },
			{ name: 'Jane', extra: { city: 'Lima' }, last: 'x' },
		],
		[
			'keys the shape does not have dropped',
			{ name: 'a', other: 1, extra: { zip: 2 } },
			{ name: 'a', extra: {} },
		],
		[
			'a field given as undefined kept as undefined',
			{ name: undefined },
			{ name: undefined, extra: {} },
		],
		['an empty collection', { extra: '' }, { extra: {} }],
		['a null collection', { extra: null }, { extra: {} }],
	])('reads %s', (_name, value, expected) => {
		const result = schema.safeParse(value);
		expect(result.success && result.data).toStrictEqual(expected);
	});

	it.each<[string, unknown, { path: string; message: string }]>([
		['a field', { name: 1 }, { path: 'name', message: 'name must be text.' }],
		[
			'a field of a collection',
			{ extra: { note: 2 } },
			{ path: 'extra.note', message: 'note must be text.' },
		],
		[
			'a collection that is a value',
			{ extra: 'Lima' },
			{ path: 'extra', message: 'must be a set of fields, not a single value.' },
		],
		[
			'a collection that is a list',
			{ extra: [] },
			{ path: 'extra', message: 'must be a set of fields, not a single value.' },
		],
		[
			'a collection that is a date',
			{ extra: new Date(0) },
			{ path: 'extra', message: 'must be a set of fields, not a single value.' },
		],
		[
			'the whole input',
			'text',
			{ path: '', message: 'must be a set of fields, not a single value.' },
		],
	])('refuses %s, naming it in the path', (_name, value, expected) => {
		expect(firstIssue(schema, value)).toEqual(expected);
	});

	it('reads nothing after the first issue', () => {
		schema.safeParse({ name: 'a', extra: { city: 3, note: 4 }, last: 5 });
		expect(reads).toEqual(['name', 'city']);
	});

	it('runs a further step only on a value read without an issue', () => {
		const steps: unknown[] = [];
		const stepped = countedText([], 'value').transform((text) => {
			steps.push(text);
			return text?.toUpperCase();
		});
		expect(stepped.parse(' ab ')).toBe('AB');
		expect(stepped.safeParse(7).success).toBe(false);
		expect(steps).toEqual(['ab']);
	});

	it('lets a further step refuse the value', () => {
		const even = fieldSchema((value) => Number(value)).transform((number, ctx) => {
			if (number % 2) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be even.' });
			return number;
		});
		expect(firstIssue(objectSchema({ n: even }), { n: 3 })).toEqual({
			path: 'n',
			message: 'must be even.',
		});
		expect(objectSchema({ n: even }).parse({ n: 4 })).toEqual({ n: 4 });
	});
});

describe('objects told apart by one field', () => {
	const message = 'must be one of a, b. Pick one.';
	const schema = variantsSchema(
		'kind',
		{ a: { x: countedText([], 'x') }, b: { y: countedText([], 'y') } },
		message,
	);

	it.each<[string, unknown, unknown]>([
		['the first variant', { kind: 'a', x: '1', y: '2' }, { kind: 'a', x: '1' }],
		['the second variant', { kind: 'b', x: '1', y: '2' }, { kind: 'b', y: '2' }],
	])('reads %s with its own fields only', (_name, value, expected) => {
		expect(schema.parse(value)).toStrictEqual(expected);
	});

	it('reads the kind once: the output names the variant whose fields were read', () => {
		let reads = 0;
		const value = {
			get kind() {
				return reads++ === 0 ? 'a' : 'b';
			},
			x: '1',
		};
		expect(schema.parse(value)).toStrictEqual({ kind: 'a', x: '1' });
	});

	it.each<[string, unknown, { path: string; message: string }]>([
		['a kind no variant has', { kind: 'c' }, { path: 'kind', message }],
		['no kind', {}, { path: 'kind', message }],
		['a kind that is no text', { kind: 1 }, { path: 'kind', message }],
		['a kind named like an object member', { kind: 'constructor' }, { path: 'kind', message }],
		['a value that is no object', 'a', { path: '', message }],
		['a field of the variant', { kind: 'b', y: 3 }, { path: 'y', message: 'y must be text.' }],
	])('refuses %s', (_name, value, expected) => {
		expect(firstIssue(schema, value)).toEqual(expected);
	});
});
