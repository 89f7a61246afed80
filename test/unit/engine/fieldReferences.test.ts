import fc from 'fast-check';
import { isSafeObjectProperty, type IDataObject } from 'n8n-workflow';

import { ParameterReader } from '../../../nodes/engine/parameters';
import { readText } from '../helpers/repository';
import { createExecuteContext } from '../helpers/runNode';

/**
 * The `{{ $json.field }}` shortcut against n8n's own expression engine (n8n-core's real
 * ExecuteContext): for any key, any way of writing the reference, the reader gives exactly what
 * n8n gives, or throws where n8n throws (it hands such values to n8n).
 */

/**
 * The names n8n's expression sandbox refuses, read from n8n-workflow's own source
 * (`unsafeObjectProperties` in utils.js): n8n-workflow exports only the check, not the list.
 */
function refusedNames(): string[] {
	const source = readText('node_modules/n8n-workflow/dist/cjs/utils.js');
	const list = /const unsafeObjectProperties = new Set\(\[([^\]]*)\]\)/.exec(source)?.[1] ?? '';
	return Array.from(list.matchAll(/'([^']+)'/g), (match) => match[1]);
}

const REFUSED = refusedNames();

/** The refused names, and kin: n8n's own variables, look-alikes, keywords. */
const GUARDED = [
	...REFUSED,
	'__sanitize',
	'___n8n_data',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'then',
	'$',
	'_',
	'$json',
	'this',
	'class',
	'new',
	'if',
];

const VARIANTS = (name: string) => [
	name,
	`${name}X`,
	`x${name}`,
	name.toUpperCase(),
	`${name} `,
	`a.${name}`,
	`a. ${name}`,
];

const keys = fc.oneof(
	fc.constantFrom(...GUARDED.flatMap(VARIANTS)),
	fc.constantFrom('0', '01', '-1', '1.5', '1e3', 'NaN', 'Infinity', '', ' ', 'a b', 'é', '名前'),
	fc.constantFrom(
		'}}',
		'{{',
		'a}',
		'{a',
		'"',
		"'",
		'`',
		'${x}',
		'a\nb',
		'a\rb',
		'a\u2028b',
		'a\tb',
	),
	fc.stringMatching(/^[A-Za-z_$][\w$]{0,8}$/),
	fc.string({ unit: 'grapheme', maxLength: 8 }),
	fc.string({ unit: 'binary', maxLength: 6 }),
);

const values = fc.oneof(
	fc.string({ maxLength: 10 }),
	fc.integer(),
	fc.boolean(),
	fc.constant('=not an expression'),
);

/** Every way a saved value may reference the key (those the key can be written in). */
function references(key: string): string[] {
	const found = [
		`={{ $json[${JSON.stringify(key)}] }}`,
		`={{$json.outer[${JSON.stringify(key)}]}}`,
	];
	if (!key.includes("'") && !key.includes('\\')) found.push(`={{ $json['${key}'] }}`);
	if (/^[A-Za-z_$][\w$]*$/.test(key)) {
		found.push(`={{ $json.${key} }}`, `={{ $json.outer.${key} }}`, `={{$json . ${key}}}`);
	}
	return found;
}

/** Own property even for `__proto__`, as JSON.parse makes it. */
function withKey(key: string, value: unknown): IDataObject {
	const inner = JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as IDataObject;
	return JSON.parse(
		`{${JSON.stringify(key)}:${JSON.stringify(value)},"outer":${JSON.stringify(inner)}}`,
	) as IDataObject;
}

type Outcome = { value: unknown } | { threw: true };

function outcome(read: () => unknown): Outcome {
	try {
		return { value: read() };
	} catch {
		return { threw: true };
	}
}

function compare(reference: string, json: IDataObject) {
	const parameters = {
		provider: 'chatbotx',
		identifier: reference,
		additionalFields: { firstName: reference },
	};
	for (const name of ['identifier', 'additionalFields']) {
		const n8n = outcome(() =>
			createExecuteContext({ parameters, items: [json] }).getNodeParameter(name, 0, null),
		);
		const reader = outcome(() =>
			new ParameterReader(createExecuteContext({ parameters, items: [json] })).get(name, 0, null),
		);
		expect({ reference, name, result: reader }).toEqual({ reference, name, result: n8n });
	}
}

describe("the {{ $json.field }} shortcut agrees with n8n's expression engine", () => {
	it("is checked against every name n8n-workflow's sandbox refuses", () => {
		expect(REFUSED).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'mainModule']));
		expect(REFUSED.filter((name) => isSafeObjectProperty(name))).toEqual([]);
	});

	it('for any key and value, written any way', () => {
		fc.assert(
			fc.property(keys, values, (key, value) => {
				for (const reference of references(key)) compare(reference, withKey(key, value));
			}),
			{ numRuns: 400 },
		);
	});

	it.each(GUARDED.flatMap(VARIANTS))('for the key %j', (key) => {
		for (const reference of references(key)) compare(reference, withKey(key, 'value'));
	});

	it('still reads plain field references itself', () => {
		const context = createExecuteContext({
			parameters: { provider: 'chatbotx', identifier: '={{ $json["e-mail"] }}' },
			items: [{ 'e-mail': 'ana@example.com' }],
		});
		const resolve = jest.spyOn(context, 'getNodeParameter');

		expect(new ParameterReader(context).get('identifier', 0, null)).toBe('ana@example.com');
		expect(resolve).not.toHaveBeenCalled();
	});
});
