import type { INodeProperties, INodeType } from 'n8n-workflow';

import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';
import { Hypersender } from '../../../nodes/Hypersender/Hypersender.node';
import { Rampwin } from '../../../nodes/Rampwin/Rampwin.node';
import { Vambe } from '../../../nodes/Vambe/Vambe.node';

/** Longest field description the editor shows comfortably; details belong in the README. */
const MAX_DESCRIPTION = 200;

const nodes: Array<[string, INodeType]> = [
	['Contact Upsert', new ContactUpsert()],
	['Hypersender', new Hypersender()],
	['Rampwin', new Rampwin()],
	['Vambe', new Vambe()],
];

/** Every description in a list of properties, with the path that leads to it, at any depth. */
function descriptions(list: readonly unknown[], path: string): Array<[string, string]> {
	return list.flatMap((entry) => {
		const item = entry as Partial<INodeProperties> & { values?: unknown[] };
		const here = `${path}/${item.name ?? item.displayName ?? '?'}`;
		const own: Array<[string, string]> =
			typeof item.description === 'string' ? [[here, item.description]] : [];
		const nested = [...(Array.isArray(item.options) ? item.options : []), ...(item.values ?? [])];
		return [...own, ...descriptions(nested, here)];
	});
}

describe.each(nodes)('%s', (_name, node) => {
	const all = descriptions(node.description.properties, '');

	it('has descriptions to check', () => {
		expect(all.length).toBeGreaterThan(10);
	});

	it(`keeps every field description within ${MAX_DESCRIPTION} characters`, () => {
		const long = all
			.filter(([, text]) => text.length > MAX_DESCRIPTION)
			.map(([path, text]) => `${path} (${text.length})`);
		expect(long).toEqual([]);
	});
});
