import nock from 'nock';
import {
	NodeHelpers,
	type IDataObject,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { registry } from '../../../nodes/providers';
import { readText } from '../helpers/repository';
import { NODE_TYPE, nodeType, vendorNodes } from '../helpers/node';
import { runNode } from '../helpers/runNode';
import { UPSERT_CASES } from '../helpers/upsertCases';
import { guardUnmatchedRequests } from '../helpers/vendorHttp';

/**
 * A single-service node is Contact Upsert with its provider fixed: the same parameters (without
 * Provider), so a workflow moves over by changing the node type alone, and the same requests,
 * outputs and error messages for the same input.
 */

const contactUpsert = nodeType.description;

/** Where a user can be in each provider: Vambe's channels show different fields. */
const CONTEXTS: Record<string, INodeParameters[]> = {
	vambe: [
		{ vambeChannel: 'whatsapp' },
		{ vambeChannel: 'web-whatsapp' },
		{ vambeChannel: 'webchat' },
	],
	rampwin: [{}],
	hypersender: [{}],
};

/** A property as a node shows it, without the conditions that name the Provider selector. */
function ungated(property: INodeProperties): INodeProperties {
	const copy: INodeProperties = { ...property };
	const show = { ...property.displayOptions?.show };
	delete show.provider;
	delete show['/provider'];
	if (property.displayOptions) {
		copy.displayOptions = { ...property.displayOptions, show };
		if (Object.keys(show).length === 0) delete copy.displayOptions.show;
		if (Object.keys(copy.displayOptions).length === 0) delete copy.displayOptions;
	}
	if (property.type === 'collection' && property.options) {
		copy.options = (property.options as INodeProperties[]).map(ungated);
	}
	return copy;
}

/** The properties a user sees with these values set, each with what it shows inside. */
function visible(description: INodeTypeDescription, values: INodeParameters): INodeProperties[] {
	const parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			values,
			true,
			false,
			{ typeVersion: 1 },
			description,
		) ?? values;
	const shown = (property: INodeProperties) =>
		NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description);
	return description.properties
		.filter(shown)
		.map((property) =>
			property.type === 'collection' && property.name === 'options'
				? { ...property, options: (property.options as INodeProperties[]).filter(shown) }
				: property,
		);
}

describe.each(vendorNodes)('the $type node', ({ providerId, type, node }) => {
	const provider = registry[providerId as keyof typeof registry];
	const { description } = node;

	it('is named for its service, version 1, usable as a tool, with its one credential', () => {
		expect(`n8n-nodes-${providerId}.${description.name}`).toBe(type);
		expect(description).toMatchObject({
			displayName: provider.displayName,
			defaults: { name: provider.displayName },
			version: 1,
			usableAsTool: true,
		});
		expect(description.credentials).toEqual([{ name: provider.credentialType, required: true }]);
		expect(description.icon).toEqual({
			light: `file:../../icons/${providerId}.svg`,
			dark: `file:../../icons/${providerId}.dark.svg`,
		});
	});

	it.each(CONTEXTS[providerId])(
		"shows exactly Contact Upsert's fields for the provider, without Provider (%j)",
		(values) => {
			const expected = visible(contactUpsert, { provider: providerId, ...values })
				.filter((property) => property.name !== 'provider')
				.map(ungated);
			expect(visible(description, values).map(ungated)).toEqual(expected);
			expect(description.properties.map((property) => property.name)).not.toContain('provider');
		},
	);

	it('offers the dropdown methods its fields name, and no other vendor’s', () => {
		const named = JSON.stringify(description.properties).match(
			/"(?:searchListMethod|loadOptionsMethod)":"([^"]+)"/g,
		);
		const methods = node.methods as Record<string, Record<string, unknown>>;
		const offered = [
			...Object.keys(methods.listSearch ?? {}),
			...Object.keys(methods.loadOptions ?? {}),
		];
		const wanted = (named ?? []).map((entry) => entry.split('"')[3]);
		expect(offered.sort()).toEqual([...new Set(wanted)].sort());
	});

	it('has a codex naming its node type and its service', () => {
		const codex = JSON.parse(
			readText(`nodes/${provider.displayName}/${provider.displayName}.node.json`),
		) as { node: string; alias: string[] };
		expect(codex.node).toBe(type);
		expect(codex.alias).toContain(provider.displayName);
		expect(codex.alias).not.toEqual(
			expect.arrayContaining(
				Object.values(registry)
					.filter((other) => other.id !== providerId)
					.map((other) => other.displayName),
			),
		);
	});
});

/** Everything one run shows a user: the requests the vendor received, the output or the error. */
interface Observed {
	requests: Array<{ method: string; path: string; headers: IDataObject; body: unknown }>;
	output?: unknown;
	error?: { name: string; message: string; description: unknown };
}

/** One run answered by a vendor that replies `replies` in turn (the last one repeats). */
async function observe(
	origin: string,
	replies: Array<{ status: number; body: unknown; headers?: Record<string, string> }>,
	run: () => Promise<unknown>,
): Promise<Observed> {
	const requests: Observed['requests'] = [];
	const scope = nock(origin).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH'])
		scope
			.intercept(() => true, method)
			.reply(function (uri, body) {
				const headers = { ...(this.req.headers as IDataObject) };
				delete headers['user-agent'];
				requests.push({ method, path: uri, headers, body });
				const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
				return [reply.status, reply.body as nock.Body, reply.headers ?? {}];
			});
	try {
		return { requests, output: await run() };
	} catch (caught) {
		const error = caught as Error & { description?: unknown };
		return {
			requests,
			error: { name: error.name, message: error.message, description: error.description },
		};
	} finally {
		nock.cleanAll();
	}
}

describe.each(vendorNodes)('$type runs as Contact Upsert does', ({ providerId, type }) => {
	const unmatched = guardUnmatchedRequests();
	afterEach(() => expect(unmatched).toEqual([]));
	const upsert = UPSERT_CASES.find((entry) => entry.provider === providerId)!;
	const vendorParameters = { ...upsert.parameters };
	delete vendorParameters.provider;

	const phones = ['+56 9 6123 4567', '0056961234567', 'not a phone', '', '+5215512345678'];
	const cases: Array<{
		label: string;
		parameters: INodeParameters;
		items: IDataObject[];
		replies: Array<{ status: number; body: unknown; headers?: Record<string, string> }>;
		onError?: 'continueErrorOutput' | 'stopWorkflow';
	}> = [
		{
			label: 'a saved contact',
			parameters: {},
			items: [upsert.item],
			replies: [{ status: 200, body: upsert.success }],
		},
		{
			label: 'Simplify off',
			parameters: { simplify: false },
			items: [upsert.item],
			replies: [{ status: 200, body: upsert.success }],
		},
		{
			label: 'typed phone numbers, one bad, continuing on error',
			parameters: {},
			items: phones.map((phone) => ({ phone })),
			replies: [{ status: 200, body: upsert.success }],
			onError: 'continueErrorOutput',
		},
		{
			label: 'a bad phone number stopping the run',
			parameters: {},
			items: [{ phone: 'not a phone' }],
			replies: [{ status: 200, body: upsert.success }],
		},
		{
			label: "the vendor's refusal",
			parameters: {},
			items: [upsert.item],
			replies: [{ status: 422, body: { message: 'The number is blocked' } }],
		},
		{
			label: 'a 503, then a saved contact',
			parameters: { options: { maxRetries: 2 } },
			items: [upsert.item],
			replies: [
				{ status: 503, body: 'busy', headers: { 'retry-after': '0' } },
				{ status: 200, body: upsert.success },
			],
		},
		{
			label: 'Preview Only',
			parameters: { options: { previewOnly: true, defaultCountry: 'CL' } },
			items: [upsert.item, { phone: '9 6123 4567' }],
			replies: [{ status: 200, body: upsert.success }],
		},
		{
			label: 'a bad option',
			parameters: { options: { timeout: '={{ "soon" }}' } },
			items: [upsert.item],
			replies: [{ status: 200, body: upsert.success }],
		},
	];

	it.each(cases)('$label', async ({ parameters, items, replies, onError }) => {
		const run =
			(type?: string, base: INodeParameters = upsert.parameters) =>
			() =>
				runNode({ type, parameters: { ...base, ...parameters }, items, onError });
		const combined = await observe(upsert.origin, replies, run(NODE_TYPE));
		const single = await observe(upsert.origin, replies, run(type, vendorParameters));
		expect(single).toEqual(combined);
		// Not vacuous: each case shows the user something.
		expect(
			combined.requests.length + (combined.error ? 1 : 0) + (combined.output ? 1 : 0),
		).toBeGreaterThan(0);
	});
});
