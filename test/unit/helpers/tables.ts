import { readJson } from './repository';

/**
 * Tables of examples kept as data, in `test/unit/fixtures/<file>.json`: each file holds tables by
 * name, each table its rows in named groups (what the rows have in common, or why they are there;
 * a group may be `{ "why": "…", "rows": […] }` where the reason is longer than a name). JSON has no
 * `undefined`, so `null` in a row stands for a value left out (no Default Country, say).
 */
export type TableFile = Record<
	string,
	Record<string, unknown[][] | { why: string; rows: unknown[][] }>
>;

/** The groups of one table, as `[group name, rows]` for `describe.each`. */
export function exampleTable<Row extends unknown[]>(
	file: string,
	table: string,
): Array<[group: string, rows: Row[]]> {
	const tables = readJson(`test/unit/fixtures/${file}.json`) as TableFile;
	const groups = tables[table];
	if (groups === undefined)
		throw new Error(`test/unit/fixtures/${file}.json has no table "${table}"`);
	return Object.entries(groups).map(([group, value]) => [
		group,
		(Array.isArray(value) ? value : value.rows).map(
			(row) => row.map((cell) => (cell === null ? undefined : cell)) as Row,
		),
	]);
}

/** A number as written, the Default Country (`undefined`: none) and what must come of it. */
export type PhoneRow = [text: string, defaultCountry: string | undefined, expected: string];

/** A table of phone numbers, from `test/unit/fixtures/phones/<file>.json`. */
export const phoneTable = (file: string, table: string) =>
	exampleTable<PhoneRow>(`phones/${file}`, table);
