import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { ChatbotxApi } from '../../../credentials/ChatbotxApi.credentials';
import { HypersenderApi } from '../../../credentials/HypersenderApi.credentials';
import { RampwinApi } from '../../../credentials/RampwinApi.credentials';
import { VambeApi } from '../../../credentials/VambeApi.credentials';
import { SECRETS, testCredentials, withDefaults } from '../helpers/credentials';
import { nodeTypes, testNode } from '../helpers/node';

const node = testNode({ id: '0d4f6a2e-3b1c-4e5f-8a7b-9c0d1e2f3a4b' });
const workflow = new Workflow({
	id: 'credentials-test',
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes,
});

/** Resolves `={{ … }}` values with `$credentials` the way n8n resolves a credential's blocks. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	return workflow.expression.getParameterValue(
		value as NodeParameterValueType,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		{ $credentials: credentials },
	);
}

/** The credential's data as n8n holds it: the test values, defaults filled in, overrides on top. */
function data(
	type: string,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return withDefaults(type, { ...testCredentials[type], ...overrides });
}

/** The URL the connection test calls: axios joins baseURL and url, then appends qs. */
function testUrl(credential: ICredentialType, credentials: ICredentialDataDecryptedObject): string {
	const request = resolve(credential.test?.request, credentials) as {
		baseURL: string;
		url: string;
		qs?: Record<string, unknown>;
	};
	const joined = `${request.baseURL.replace(/\/+$/, '')}/${request.url.replace(/^\/+/, '')}`;
	const query = new URLSearchParams(
		Object.entries(request.qs ?? {}).map(([key, value]): [string, string] => [key, String(value)]),
	).toString();
	return query ? `${joined}?${query}` : joined;
}

const CREDENTIALS: Array<{
	type: ICredentialType;
	name: string;
	displayName: string;
	secret: string;
	fields: string[];
	baseUrl: string;
	headers: Record<string, string>;
}> = [
	{
		type: new VambeApi(),
		name: 'vambeApi',
		displayName: 'Vambe API',
		secret: 'apiKey',
		fields: ['apiKey', 'baseUrl'],
		baseUrl: 'https://api.vambe.me',
		headers: { 'x-api-key': SECRETS.vambeApi },
	},
	{
		type: new ChatbotxApi(),
		name: 'chatbotxApi',
		displayName: 'ChatbotX API',
		secret: 'accessToken',
		fields: ['accessToken', 'baseUrl'],
		baseUrl: 'https://app.chatbotx.io/api',
		headers: { Authorization: `Bearer ${SECRETS.chatbotxApi}` },
	},
	{
		type: new RampwinApi(),
		name: 'rampwinApi',
		displayName: 'Rampwin API',
		secret: 'apiKey',
		fields: ['apiKey', 'baseUrl'],
		baseUrl: 'https://api.rampwin.com',
		headers: { 'x-api-key': SECRETS.rampwinApi },
	},
	{
		type: new HypersenderApi(),
		name: 'hypersenderApi',
		displayName: 'Hypersender API',
		secret: 'apiToken',
		fields: ['apiToken', 'instanceId', 'baseUrl'],
		baseUrl: 'https://app.hypersender.com',
		headers: { Authorization: `Bearer ${SECRETS.hypersenderApi}`, Accept: 'application/json' },
	},
];

const table = CREDENTIALS.map((entry) => [entry.name, entry] as const);

describe.each(table)('%s', (_name, expected) => {
	const { type } = expected;
	const property = (name: string) => type.properties.find((candidate) => candidate.name === name);

	it('has its public type name and display name', () => {
		expect(type.name).toBe(expected.name);
		expect(type.displayName).toBe(expected.displayName);
	});

	it('has the documented fields', () => {
		expect(type.properties.map((candidate) => candidate.name)).toEqual(
			expect.arrayContaining(expected.fields),
		);
	});

	it('keeps the secret in a required password field without a default', () => {
		expect(property(expected.secret)).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		});
	});

	it('shows nothing else as a password', () => {
		const passwords = type.properties
			.filter((candidate) => candidate.typeOptions?.password)
			.map((candidate) => candidate.name);
		expect(passwords).toEqual([expected.secret]);
	});

	it('defaults the base URL to the vendor', () => {
		expect(property('baseUrl')).toMatchObject({ type: 'string', default: expected.baseUrl });
	});

	it('authenticates with exactly the documented headers', () => {
		const authenticate = type.authenticate;
		expect(typeof authenticate).toBe('object');
		if (typeof authenticate !== 'object') return;
		expect(authenticate.type).toBe('generic');
		expect(resolve(authenticate.properties, data(expected.name))).toEqual({
			headers: expected.headers,
		});
	});

	it('tests the connection with a GET', () => {
		expect(type.test?.request.method).toBe('GET');
	});
});

describe('connection test URLs', () => {
	const channelId = String(testCredentials.rampwinApi.channelId);
	const instanceId = String(testCredentials.hypersenderApi.instanceId);
	const rampwinQuery = `channel_id=${channelId}&isPagination=true&page=1&page_size=1`;

	it.each<[string, ICredentialType, ICredentialDataDecryptedObject, string]>([
		['vambeApi', new VambeApi(), {}, 'https://api.vambe.me/api/public/team-members/all'],
		[
			'vambeApi',
			new VambeApi(),
			{ baseUrl: 'https://proxy.example.com/vambe//' },
			'https://proxy.example.com/vambe/api/public/team-members/all',
		],
		['chatbotxApi', new ChatbotxApi(), {}, 'https://app.chatbotx.io/api/v1/contacts/count'],
		[
			'chatbotxApi',
			new ChatbotxApi(),
			{ baseUrl: 'https://chat.example.com/api/' },
			'https://chat.example.com/api/v1/contacts/count',
		],
		[
			'rampwinApi',
			new RampwinApi(),
			{},
			`https://api.rampwin.com/api/message-templates/official-templates?${rampwinQuery}`,
		],
		[
			'rampwinApi',
			new RampwinApi(),
			{ baseUrl: 'https://proxy.example.com/rampwin/' },
			`https://proxy.example.com/rampwin/api/message-templates/official-templates?${rampwinQuery}`,
		],
		[
			'rampwinApi',
			new RampwinApi(),
			{ channelId: 'a&b#c' },
			'https://api.rampwin.com/api/message-templates/official-templates?channel_id=a%26b%23c&isPagination=true&page=1&page_size=1',
		],
		[
			'hypersenderApi',
			new HypersenderApi(),
			{},
			`https://app.hypersender.com/api/whatsapp/v2/${instanceId}/contacts/get-all?limit=1`,
		],
		[
			'hypersenderApi',
			new HypersenderApi(),
			{ baseUrl: 'https://proxy.example.com/hs/' },
			`https://proxy.example.com/hs/api/whatsapp/v2/${instanceId}/contacts/get-all?limit=1`,
		],
		[
			'hypersenderApi',
			new HypersenderApi(),
			{ instanceId: `  ${instanceId} ` },
			`https://app.hypersender.com/api/whatsapp/v2/${instanceId}/contacts/get-all?limit=1`,
		],
		[
			'hypersenderApi',
			new HypersenderApi(),
			{ instanceId: 'a/b?c' },
			'https://app.hypersender.com/api/whatsapp/v2/invalid-instance-id/contacts/get-all?limit=1',
		],
		[
			'hypersenderApi',
			new HypersenderApi(),
			{ instanceId: '..' },
			'https://app.hypersender.com/api/whatsapp/v2/invalid-instance-id/contacts/get-all?limit=1',
		],
	])('%s with %j calls %s', (name, type, overrides, url) => {
		expect(testUrl(type, data(name, overrides))).toBe(url);
	});

	it('sends the connection test with the same headers as the node', () => {
		// n8n applies `authenticate` to the test request too; nothing else may be needed.
		for (const { type } of CREDENTIALS) {
			expect(type.test?.request.headers).toBeUndefined();
			expect(type.test?.request.auth).toBeUndefined();
		}
	});
});
