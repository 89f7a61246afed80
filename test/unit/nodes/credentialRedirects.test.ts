import nock from 'nock';
import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialType,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import {
	credentialTypes,
	SECRETS,
	TestCredentialsHelper,
	testCredentials,
	withDefaults,
} from '../helpers/credentials';
import { onlyNodeType, testNode } from '../helpers/node';

/**
 * n8n tests a credential by running its `test.request` as the `routing.request` of a one-field
 * node through RoutingNode (n8n's CredentialsTester does exactly this, in 1.x and 2.x).
 */
async function runConnectionTest(type: ICredentialType): Promise<unknown> {
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: type.test?.request },
					default: '',
				},
			],
		},
	};
	const node = testNode({
		id: 'a4c1e0f2-6b3d-4e8a-9f7c-2d1b0a9e8c7f',
		name: 'Temp-Node',
		type: 'temp',
		parameters: { temp: '' },
		credentials: { [type.name]: { id: 'temp', name: 'Temp' } },
	});
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: onlyNodeType(nodeType),
	});
	const data = withDefaults(type.name, testCredentials[type.name]);
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(testCredentials),
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		inputData,
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'temp',
		name: 'Temp',
		type: type.name,
		data,
	});
	return await routingNode.runNode().then(
		(result: INodeExecutionData[][] | undefined) => result,
		(error: unknown) => error,
	);
}

const ELSEWHERE = 'https://elsewhere.example';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each(Object.keys(SECRETS))('%s connection test', (name) => {
	const type = credentialTypes[name];

	it('does not follow a redirect', () => {
		expect(type.test?.request.disableFollowRedirect).toBe(true);
	});

	it.each([301, 302, 303, 307, 308])(
		'answered %s to another host: that host gets nothing and the test fails',
		async (status) => {
			const received: string[] = [];
			const elsewhere = nock(ELSEWHERE).persist();
			for (const method of ['GET', 'POST', 'HEAD']) {
				elsewhere.intercept(/.*/, method).reply(function () {
					received.push(`${this.req.method} ${this.req.path}`);
					return [200, {}];
				});
			}
			const data = withDefaults(name, testCredentials[name]);
			const vendor = nock(String(data.baseUrl).replace(/(https:\/\/[^/]+).*/, '$1'))
				.get(/.*/)
				.reply(status, '', { Location: `${ELSEWHERE}/steal` });

			const error = (await runConnectionTest(type)) as { httpCode?: string; message?: string };

			vendor.done();
			expect(received).toEqual([]);
			expect(error).toMatchObject({
				httpCode: String(status),
				message: `Request failed with status code ${status}`,
			});
			// n8n 2.x's CredentialsTester matches the status against `rules` and shows this message
			// (n8n 1.x drops the response from the error and shows the message above).
			const rule = type.test?.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			expect(rule?.properties.message).toContain(`The Base URL answered ${status}, a redirect`);
		},
	);
});
