'use strict';
/**
 * The Vambe Stage and Agent dropdowns (resource locators backed by the node's list-search methods)
 * against the vendor sandbox: the built node, run inside n8n-core's LoadOptionsContext, calls the
 * sandbox's `GET /api/public/pipeline` and `GET /api/public/team-members/all` with the credential.
 */
const path = require('node:path');

const { LoadOptionsContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const { ROOT } = require('../../scripts/lib/paths');
const { createSandbox } = require('../../sandbox/server');

const { ContactUpsert } = require(
	path.join(ROOT, 'dist/nodes/ContactUpsert/ContactUpsert.node.js'),
);
const { VambeApi } = require(path.join(ROOT, 'dist/credentials/VambeApi.credentials.js'));

/** Applies the credential's generic authenticate block, as n8n's CredentialsHelper does. */
function credentialsHelper(data) {
	return {
		getParentTypes: () => [],
		getDecrypted: async () => data,
		preAuthentication: async () => undefined,
		authenticate: async (credentials, _type, options, workflow, node) => {
			for (const [target, values] of Object.entries(new VambeApi().authenticate.properties)) {
				options[target] = options[target] || {};
				for (const [key, value] of Object.entries(values)) {
					options[target][key] = workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{
							$credentials: credentials,
						},
					);
				}
			}
			return options;
		},
	};
}

async function search(sandbox, method, filter) {
	const nodeType = new ContactUpsert();
	const node = {
		id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
		name: 'Contact Upsert',
		type: 'n8n-nodes-contact-upsert.contactUpsert',
		typeVersion: 1,
		position: [0, 0],
		parameters: { provider: 'vambe' },
		credentials: { vambeApi: { id: '1', name: 'Vambe (sandbox)' } },
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: credentialsHelper(sandbox.credentials().vambe),
		variables: {},
	};
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await nodeType.methods.listSearch[method].call(context, filter);
}

describe('Vambe dropdowns against the sandbox', () => {
	const sandbox = createSandbox();
	beforeAll(() => sandbox.listen());
	afterAll(() => sandbox.close());

	test('Stage lists the sandbox pipeline stages', async () => {
		const { results } = await search(sandbox, 'searchVambeStages');
		expect(results).toEqual([
			{ name: 'Ventas › Nuevo lead', value: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
			{ name: 'Ventas › Calificado', value: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' },
			{ name: 'Ventas › Cliente', value: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f' },
		]);
		const [request] = sandbox.requests({ vendor: 'vambe' });
		expect(request.headers['x-api-key']).toBe(sandbox.credentials().vambe.apiKey);
	});

	test('Agent lists the team, filtered by what the user types', async () => {
		const { results } = await search(sandbox, 'searchVambeAgents', 'ana');
		expect(results).toEqual([
			expect.objectContaining({ value: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80' }),
		]);
		expect(results[0].name).toMatch(/^Ana Pérez/);
	});
});
