import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import {
	fieldReferencePath,
	holdsExpression,
	NEEDS_EXPRESSION_ENGINE,
	ParameterReader,
	resolveItemFieldReferences,
} from '../../../nodes/engine/parameters';
import { createExecuteContext } from '../helpers/runNode';

/** A context that records every parameter resolution n8n would have to do. */
function contextWith(parameters: INodeParameters, items: IDataObject[] = []) {
	const reads: Array<[string, number]> = [];
	const context = {
		getNode: () => ({ parameters }),
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			reads.push([name, itemIndex]);
			return name in parameters ? `${String(parameters[name])}#${itemIndex}` : fallback;
		},
	} as unknown as IExecuteFunctions;
	return { context, reads };
}

describe('ParameterReader', () => {
	it('resolves a parameter without expressions once for all items', () => {
		const { context, reads } = contextWith({ rampwinChannelId: 'abc' });
		const reader = new ParameterReader(context);

		const values = [0, 1, 2].map((index) => reader.get('rampwinChannelId', index, null));

		expect(values).toEqual(['abc#0', 'abc#0', 'abc#0']);
		expect(reads).toEqual([['rampwinChannelId', 0]]);
	});

	it('resolves a parameter with an expression for every item', () => {
		const { context, reads } = contextWith({ phoneNumber: '={{ $json.phone.trim() }}' });
		const reader = new ParameterReader(context);

		const values = [0, 1, 2].map((index) => reader.get('phoneNumber', index, null));

		expect(values).toEqual([
			'={{ $json.phone.trim() }}#0',
			'={{ $json.phone.trim() }}#1',
			'={{ $json.phone.trim() }}#2',
		]);
		expect(reads).toHaveLength(3);
	});

	it("reads a plain field reference from each item without n8n's expression engine", () => {
		const { context, reads } = contextWith({ phoneNumber: '={{ $json.phone }}' }, [
			{ phone: '+56 9 1234 5678' },
			{ phone: 56912345679 },
		]);
		const reader = new ParameterReader(context);

		expect(reader.get('phoneNumber', 0, null)).toBe('+56 9 1234 5678');
		expect(reader.get('phoneNumber', 1, null)).toBe(56912345679);
		expect(reads).toEqual([]);
	});

	it('leaves field references to n8n when told to (an AI tool call)', () => {
		const { context, reads } = contextWith({ phoneNumber: '={{ $json.phone }}' }, [
			{ phone: '+56 9 1234 5678' },
		]);

		expect(new ParameterReader(context, false).get('phoneNumber', 0, null)).toBe(
			'={{ $json.phone }}#0',
		);
		expect(reads).toEqual([['phoneNumber', 0]]);
	});

	it('returns the fallback for a parameter that is not set', () => {
		const { context } = contextWith({});
		expect(new ParameterReader(context).get('customFields', 4, null)).toBeNull();
	});
});

describe('holdsExpression', () => {
	it.each([
		['={{ $json.a }}', true],
		['plain', false],
		[{ field: [{ key: 'a', value: '={{ $json.b }}' }] }, true],
		[{ field: [{ key: 'a', value: 'b' }] }, false],
		[{ stageId: { __rl: true, mode: 'id', value: '={{ $json.stage }}' } }, true],
		[5, false],
		[null, false],
	])('%j → %s', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});
});

describe('fieldReferencePath', () => {
	it.each([
		['={{ $json.email }}', ['email']],
		['={{$json.email}}', ['email']],
		['={{ $json.contact.phone }}', ['contact', 'phone']],
		['={{ $json["First name"] }}', ['First name']],
		["={{ $json['e-mail'].value }}", ['e-mail', 'value']],
		['={{ $json.a_1.$b }}', ['a_1', '$b']],
	])('%s → %j', (value, path) => {
		expect(fieldReferencePath(value)).toEqual(path);
	});

	it.each([
		'={{ $json }}',
		'={{ $json.email.trim() }}',
		'={{ $json.email || "x" }}',
		'=mail: {{ $json.email }}',
		'={{ $json.email }} ',
		'={{ $json.a }}{{ $json.b }}',
		'={{ $json["a\\"b"] }}',
		'={{ $json[0] }}',
		'={{ $json[key] }}',
		'={{ $input.item.json.email }}',
		'={{ $("Webhook").item.json.email }}',
		'={{ $fromAI("email") }}',
		'{{ $json.email }}',
	])('%s is left to n8n', (value) => {
		expect(fieldReferencePath(value)).toBeUndefined();
	});
});

describe('resolveItemFieldReferences', () => {
	it('resolves references inside collections and keeps static entries', () => {
		const saved = {
			firstName: '={{ $json.first }}',
			gender: 'female',
			customFields: { field: [{ key: 'plan', value: '={{ $json.plan.name }}' }] },
		};
		const resolved = resolveItemFieldReferences(saved, { first: 'Ana', plan: { name: 'Pro' } });

		expect(resolved).toEqual({
			firstName: 'Ana',
			gender: 'female',
			customFields: { field: [{ key: 'plan', value: 'Pro' }] },
		});
		expect(saved.customFields.field[0].value).toBe('={{ $json.plan.name }}');
	});

	it.each([
		['a missing field', {}],
		['null', { v: null }],
		['an object', { v: { a: 1 } }],
		['an array', { v: ['a'] }],
		['NaN', { v: NaN }],
		['an inherited property', Object.create({ v: 'inherited' })],
	])('needs n8n for %s', (_label, json) => {
		expect(resolveItemFieldReferences({ x: ['={{ $json.v }}'] }, json)).toBe(
			NEEDS_EXPRESSION_ENGINE,
		);
	});
});

describe("ParameterReader in n8n's ExecuteContext", () => {
	const items: IDataObject[] = [
		{
			id: 'email:ana@example.com',
			first: 'Ana',
			last: 'Pérez 🙂',
			nested: { phone: '+56912345678' },
		},
		{ id: 'phone:+56912345679', first: 42, last: true, nested: { phone: 56912345679 } },
		{ id: 'email:x@example.com', first: '', last: '=not an expression', nested: { phone: 'x' } },
		{ id: 'email:y@example.com', first: null, nested: {} },
		{ id: 'email:z@example.com', first: ['a', 'b'], last: { a: 1 }, nested: null },
		{ 'weird key': 'w', id: 'email:w@example.com', first: 'W', nested: { phone: '1' } },
	];
	const parameters = {
		provider: 'chatbotx',
		identifier: '={{ $json.id }}',
		additionalFields: {
			firstName: '={{ $json.first }}',
			lastName: '={{ $json["last"] }}',
			phoneNumber: '={{ $json.nested.phone }}',
			email: '={{ $json.id.replace("email:", "") }}',
			gender: 'female',
		},
	};

	it.each(['identifier', 'additionalFields'])(
		'returns what n8n resolves for %s, item by item',
		(name) => {
			const context = createExecuteContext({ parameters, items });
			const n8nValues = items.map((_item, index) => context.getNodeParameter(name, index, null));
			const reader = new ParameterReader(context);

			const readerValues = items.map((_item, index) => reader.get(name, index, null));

			expect(readerValues).toEqual(n8nValues);
		},
	);

	it("uses n8n's engine only where a value needs it", () => {
		const context = createExecuteContext({
			parameters: { ...parameters, additionalFields: { firstName: '={{ $json.first }}' } },
			items,
		});
		const resolve = jest.spyOn(context, 'getNodeParameter');
		const reader = new ParameterReader(context);

		const values = items.map((_item, index) => reader.get('additionalFields', index, null));

		expect(values[0]).toEqual({ firstName: 'Ana' });
		expect(values[1]).toEqual({ firstName: 42 });
		expect(values[2]).toEqual({ firstName: '' });
		// null and an array: resolved by n8n
		expect(resolve.mock.calls.map(([, index]) => index)).toEqual([3, 4]);
	});
});
