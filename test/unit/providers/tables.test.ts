import { providers } from '../../../nodes/providers';
import { casesOf, rowAnswer, rowParameters, type ProviderTables } from '../helpers/providerCases';
import { exists } from '../helpers/repository';

// Every provider's pure functions, from its table in test/unit/fixtures/<provider>/cases.json:
// the request its schema and buildRequest make of the parameters, the input refused before any
// request, the simplified output (normalize) and the vendor's refusals (describeError) in the
// words the user reads. Whole runs of the node: nodeRuns.test.ts.

const fixWord = (label: string) =>
	`Fix the "${label}" field (or the data mapped into it) for this item. No request was sent for it.`;

describe.each(providers.map((provider) => provider.id))('%s tables', (id) => {
	const cases = casesOf(id);
	const file = `test/unit/fixtures/${id}/cases.json`;
	if (!exists(file)) throw new Error(`${file} is missing: every provider has its tables`);
	const tables = cases.fixture('cases.json') as ProviderTables;

	it.each(tables.requests)('sends $sends', (row) => {
		const { url, body, defaultCountry } = row;
		expect(cases.request(rowParameters(tables, row), defaultCountry)).toStrictEqual({
			...tables.upsert,
			...(url === undefined ? {} : { url }),
			body,
		});
	});

	it.each(tables.refusedInput)('refuses $refuses, naming the field and the item', (row) => {
		const { message, description } = cases.refusal(rowParameters(tables, row), row.defaultCountry);

		expect(message.slice(0, row.message.length)).toBe(row.message);
		expect(description).toBe(fixWord(/^"([^"]+)" of item 0/.exec(row.message)?.[1] ?? ''));
	});

	it.each(tables.outputs)('returns $returns', (row) => {
		expect(cases.output(rowAnswer(cases, row), rowParameters(tables, row))).toStrictEqual(
			row.output,
		);
	});

	it.each(tables.refusals)("says $says in the vendor's words, with what to do", (row) => {
		const { message, description } = cases.vendorRefusal(row.status, rowAnswer(cases, row));

		expect(message).toBe(row.message);
		// Every refusal says what to do next, beyond the vendor's own words.
		expect(description?.trim()).toBeTruthy();
		for (const hint of row.hints) expect(description).toContain(hint);
	});
});
