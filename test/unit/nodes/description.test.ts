import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';

const description = new ContactUpsert().description;
const properties = description.properties;

/** Every place a user can be: a provider and, for Vambe, its channel. */
const CONTEXTS: Array<{ label: string; values: INodeParameters }> = [
	{ label: 'chatbotx', values: { provider: 'chatbotx' } },
	{ label: 'hypersender', values: { provider: 'hypersender' } },
	{ label: 'rampwin', values: { provider: 'rampwin' } },
	{ label: 'vambe/whatsapp', values: { provider: 'vambe', vambeChannel: 'whatsapp' } },
	{ label: 'vambe/web-whatsapp', values: { provider: 'vambe', vambeChannel: 'web-whatsapp' } },
	{ label: 'vambe/webchat', values: { provider: 'vambe', vambeChannel: 'webchat' } },
];

const ALL = CONTEXTS.map((context) => context.label);
const COMMON = ['provider', 'operation', 'simplify', 'options'];

/** The parameters of INTERFACE.md (besides the common ones) and exactly where each is shown. */
const INTERFACE_FIELDS: Array<[string, string, string[]]> = [
	['vambeChannel', 'options', ['vambe/whatsapp', 'vambe/web-whatsapp', 'vambe/webchat']],
	['channelPhoneNumber', 'string', ['vambe/whatsapp', 'vambe/web-whatsapp']],
	['phoneNumber', 'string', ['vambe/whatsapp', 'vambe/web-whatsapp', 'rampwin']],
	['webchatChannelId', 'string', ['vambe/webchat']],
	['externalUserId', 'string', ['vambe/webchat']],
	['identifier', 'string', ['chatbotx']],
	['rampwinChannelId', 'string', ['rampwin']],
	['chatId', 'string', ['hypersender']],
	['firstName', 'string', ['hypersender']],
	['additionalFields', 'collection', ALL],
	[
		'customFields',
		'fixedCollection',
		['vambe/whatsapp', 'vambe/web-whatsapp', 'vambe/webchat', 'rampwin'],
	],
];

function shownIn(property: INodeProperties, values: INodeParameters): boolean {
	const parameters = NodeHelpers.getNodeParameters(
		properties,
		values,
		true,
		false,
		{ typeVersion: 1 },
		description,
	);
	return NodeHelpers.displayParameter(
		parameters ?? values,
		property,
		{ typeVersion: 1 },
		description,
	);
}

function visibleIn(values: INodeParameters): INodeProperties[] {
	return properties.filter((property) => shownIn(property, values));
}

function providerOf(label: string): string {
	return label.split('/')[0];
}

/** The one property called `name` that the given provider shows (in any of its channels). */
function find(name: string, provider?: string): INodeProperties {
	const matches = properties.filter(
		(property) =>
			property.name === name &&
			(provider === undefined ||
				CONTEXTS.some(
					(context) => providerOf(context.label) === provider && shownIn(property, context.values),
				)),
	);
	expect(matches).toHaveLength(1);
	return matches[0];
}

function optionsOf(property: INodeProperties): INodeProperties[] {
	return (property.options ?? []) as INodeProperties[];
}

/** Every property, including those nested in collections and fixedCollections, with its path. */
function walk(list: INodeProperties[], path = ''): Array<[string, INodeProperties]> {
	return list.flatMap((property) => {
		const here = `${path}${property.name}`;
		const nested =
			property.type === 'collection'
				? walk(optionsOf(property), `${here}.`)
				: property.type === 'fixedCollection'
					? ((property.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
							walk(group.values, `${here}.${group.name}.`),
						)
					: [];
		return [[here, property] as [string, INodeProperties], ...nested];
	});
}

/** Where a top-level property is shown, for test names: a provider, or "all". */
function ownerOf(property: INodeProperties): string {
	if (COMMON.includes(property.name)) return 'all';
	const owners = new Set(
		CONTEXTS.filter((context) => shownIn(property, context.values)).map((context) =>
			providerOf(context.label),
		),
	);
	return [...owners].join('+');
}

const everyProperty = properties.flatMap((property) => walk([property], `${ownerOf(property)}: `));

describe('node identity', () => {
	it('is contactUpsert version 1, usable as a tool', () => {
		expect(description.name).toBe('contactUpsert');
		expect(description.displayName).toBe('Contact Upsert');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
	});
});

describe('credentials', () => {
	const expected: Record<string, string> = {
		chatbotx: 'chatbotxApi',
		hypersender: 'hypersenderApi',
		rampwin: 'rampwinApi',
		vambe: 'vambeApi',
	};

	it('lists exactly the four credentials, each required', () => {
		expect((description.credentials ?? []).map((credential) => credential.name).sort()).toEqual(
			Object.values(expected).sort(),
		);
		for (const credential of description.credentials ?? []) expect(credential.required).toBe(true);
	});

	it.each(Object.entries(expected))(
		'asks for exactly one credential, %s → %s',
		(provider, name) => {
			// As n8n-core and the editor call it: the node's parameters are also the root that
			// '/name' conditions read.
			const parameters = { provider };
			const shown = (description.credentials ?? []).filter((credential) =>
				NodeHelpers.displayParameter(
					parameters,
					credential,
					{ typeVersion: 1 },
					description,
					parameters,
				),
			);
			expect(shown.map((credential) => credential.name)).toEqual([name]);
		},
	);

	// n8n's editor (getNodeAuthFields/getMainAuthField in editor-ui, 1.x and 2.x) treats every
	// top-level parameter named in a credential's `show` as an authentication field: it hides it
	// from the panel and opens the first option's credential for "Create new credential".
	it('names no parameter as a credential condition, so the editor shows the provider choice', () => {
		const parameterNames = new Set(description.properties.map((property) => property.name));
		for (const credential of description.credentials ?? []) {
			for (const key of Object.keys(credential.displayOptions?.show ?? {})) {
				expect(parameterNames.has(key)).toBe(false);
			}
			expect(credential.displayOptions?.hide).toBeUndefined();
		}
	});

	it('lists the Vambe credential first: the resource locators open the first credential', () => {
		expect(description.credentials?.[0]?.name).toBe('vambeApi');
	});
});

describe('documentation link', () => {
	it('is a URL the editor shows as is, without a query it would add a second ? to', () => {
		expect(description.documentationUrl).toMatch(/^https:\/\/[^?]+$/);
	});
});

describe('field visibility', () => {
	it.each(INTERFACE_FIELDS)('shows %s (%s) exactly for %j', (name, type, expectedContexts) => {
		const contexts = CONTEXTS.filter((context) =>
			properties.some(
				(property) =>
					property.name === name && property.type === type && shownIn(property, context.values),
			),
		).map((context) => context.label);
		expect(contexts.sort()).toEqual([...expectedContexts].sort());
	});

	it.each(COMMON)('shows %s for every provider and channel', (name) => {
		const property = find(name);
		for (const context of CONTEXTS) expect(shownIn(property, context.values)).toBe(true);
	});

	it('shows every other field, notices included, for exactly one provider', () => {
		for (const property of properties.filter((candidate) => !COMMON.includes(candidate.name))) {
			const providers = new Set(
				CONTEXTS.filter((context) => shownIn(property, context.values)).map((context) =>
					providerOf(context.label),
				),
			);
			expect({ name: property.name, providers: [...providers] }).toEqual({
				name: property.name,
				providers: [expect.any(String)],
			});
		}
	});

	it.each(CONTEXTS.map((context) => [context.label, context.values] as const))(
		'never shows two fields with the same name together (%s)',
		(_label, values) => {
			const names = visibleIn(values).map((property) => property.name);
			expect(names).toEqual([...new Set(names)]);
		},
	);
});

describe('public parameters of the interface', () => {
	it('offers the four providers by value, alphabetically, with no expressions', () => {
		const provider = find('provider');
		expect(provider.type).toBe('options');
		expect(provider.noDataExpression).toBe(true);
		expect(provider.options).toEqual([
			expect.objectContaining({ name: 'ChatbotX', value: 'chatbotx' }),
			expect.objectContaining({ name: 'Hypersender', value: 'hypersender' }),
			expect.objectContaining({ name: 'Rampwin', value: 'rampwin' }),
			expect.objectContaining({ name: 'Vambe', value: 'vambe' }),
		]);
	});

	it('has the single operation upsert, "Create or update a contact"', () => {
		const operation = find('operation');
		expect(operation.type).toBe('options');
		expect(operation.default).toBe('upsert');
		expect(operation.options).toEqual([
			expect.objectContaining({
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a contact',
			}),
		]);
	});

	it('offers the three Vambe channels', () => {
		const channel = find('vambeChannel');
		expect(
			(channel.options as INodePropertyOptions[]).map((option) => option.value).sort(),
		).toEqual(['web-whatsapp', 'webchat', 'whatsapp']);
	});

	it.each([
		['channelPhoneNumber', 'vambe'],
		['phoneNumber', 'vambe'],
		['phoneNumber', 'rampwin'],
		['webchatChannelId', 'vambe'],
		['externalUserId', 'vambe'],
		['identifier', 'chatbotx'],
		['rampwinChannelId', 'rampwin'],
		['chatId', 'hypersender'],
		['firstName', 'hypersender'],
	])('makes %s a required string for %s', (name, provider) => {
		const property = find(name, provider);
		expect(property.type).toBe('string');
		expect(property.required).toBe(true);
		expect(property.default).toBe('');
	});

	it.each<[string, Record<string, string>]>([
		[
			'vambe',
			{
				name: 'string',
				email: 'string',
				stageId: 'resourceLocator',
				agentId: 'resourceLocator',
				metadata: 'json',
			},
		],
		[
			'chatbotx',
			{
				firstName: 'string',
				lastName: 'string',
				email: 'string',
				phoneNumber: 'string',
				avatar: 'string',
				gender: 'options',
			},
		],
		['rampwin', { firstName: 'string', lastName: 'string', email: 'string', tags: 'string' }],
		['hypersender', { lastName: 'string' }],
	])('gives %s its own Additional Fields', (provider, fields) => {
		const collection = find('additionalFields', provider);
		expect(collection.type).toBe('collection');
		expect(collection.default).toEqual({});
		const types = Object.fromEntries(
			optionsOf(collection).map((option) => [option.name, option.type]),
		);
		expect(types).toEqual(expect.objectContaining(fields));
	});

	it('offers the ChatbotX genders male, female and unknown', () => {
		const gender = optionsOf(find('additionalFields', 'chatbotx')).find(
			(option) => option.name === 'gender',
		);
		expect(
			(gender?.options as INodePropertyOptions[]).map((option) => option.value).sort(),
		).toEqual(['female', 'male', 'unknown']);
	});

	it.each(['vambe', 'rampwin'])(
		'gives %s Custom Fields as repeatable key/value rows',
		(provider) => {
			const customFields = find('customFields', provider);
			expect(customFields.type).toBe('fixedCollection');
			expect(customFields.typeOptions?.multipleValues).toBe(true);
			const groups = customFields.options as INodePropertyCollection[];
			expect(groups.map((group) => group.name)).toEqual(['field']);
			expect(groups[0].values.map((value) => [value.name, value.type])).toEqual([
				['key', 'string'],
				['value', 'string'],
			]);
		},
	);

	it('has Simplify on by default', () => {
		const simplify = find('simplify');
		expect(simplify.type).toBe('boolean');
		expect(simplify.default).toBe(true);
	});

	it('has the run options with their documented defaults', () => {
		const options = find('options');
		expect(options.type).toBe('collection');
		expect(options.default).toEqual({});
		const byName = Object.fromEntries(optionsOf(options).map((option) => [option.name, option]));
		expect(byName.defaultCountry).toMatchObject({ type: 'string', default: '' });
		expect(byName.concurrency).toMatchObject({ type: 'number', default: 5 });
		expect(byName.maxRetries).toMatchObject({ type: 'number', default: 3 });
		expect(byName.timeout).toMatchObject({ type: 'number', default: 30000 });
	});
});

describe('editor conventions', () => {
	const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

	// Options loaded from the vendor are sorted by the method that loads them.
	it.each(
		everyProperty.filter(
			([, property]) => property.type === 'options' && !property.typeOptions?.loadOptionsMethod,
		),
	)('lists the options of %s alphabetically by name', (_path, property) => {
		const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
		expect(names).toEqual(sorted(names));
	});

	it.each(everyProperty.filter(([, property]) => property.type === 'collection'))(
		'lists the fields of the collection %s alphabetically by name',
		(_path, property) => {
			const names = optionsOf(property).map((option) => option.displayName);
			expect(names).toEqual(sorted(names));
		},
	);

	// The operation picker is described by its option's action and description, and a collection
	// by the fields inside it, as in n8n's own nodes; every other field describes itself.
	const described = everyProperty.filter(
		([path, property]) =>
			property.type !== 'notice' && property.type !== 'collection' && path !== 'all: operation',
	);

	it.each(described)('describes %s', (_path, property) => {
		expect(typeof property.description).toBe('string');
		expect(property.description?.trim()).not.toBe('');
	});

	it('describes the operation through its option', () => {
		for (const option of find('operation').options as INodePropertyOptions[]) {
			expect(option.description?.trim()).toBeTruthy();
		}
	});

	it.each(everyProperty.filter(([, property]) => property.type === 'string'))(
		'gives the text field %s a placeholder',
		(_path, property) => {
			expect(typeof property.placeholder).toBe('string');
			expect(property.placeholder?.trim()).not.toBe('');
		},
	);
});
