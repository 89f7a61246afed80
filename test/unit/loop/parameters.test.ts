import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { holdsExpression, ParameterReader } from '../../../nodes/ContactUpsert/shared/parameters';

/** A context that records every parameter resolution n8n would have to do. */
function contextWith(parameters: INodeParameters) {
	const reads: Array<[string, number]> = [];
	const context = {
		getNode: () => ({ parameters }),
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
		const { context, reads } = contextWith({ phoneNumber: '={{ $json.phone }}' });
		const reader = new ParameterReader(context);

		const values = [0, 1, 2].map((index) => reader.get('phoneNumber', index, null));

		expect(values).toEqual([
			'={{ $json.phone }}#0',
			'={{ $json.phone }}#1',
			'={{ $json.phone }}#2',
		]);
		expect(reads).toHaveLength(3);
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
