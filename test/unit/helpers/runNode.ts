import { ExecuteContext } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { schedulers } from '../../../nodes/engine/scheduler/registry';
import { TestCredentialsHelper, testCredentials } from './credentials';
import { NODE_TYPE, nodeCredentials, nodeTypeByName, nodeTypes, testNode } from './node';

export { NODE_TYPE };

export interface RunInput {
	/** Node parameters as a user would set them (expressions allowed); defaults are filled in. */
	parameters: INodeParameters;
	/** Input items' JSON; one empty item when omitted. */
	items?: IDataObject[];
	/** Credential data by type; the shared test credentials when omitted. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** n8n's "On Error" setting. */
	onError?: INode['onError'];
	/** Run as an AI agent's tool (n8n registers the tool variant as `…contactUpsertTool`). */
	asTool?: boolean;
	/** The execution's cancel signal; never cancelled when omitted. */
	signal?: AbortSignal;
	/** The node type to run (a single-service node's); Contact Upsert when omitted. */
	type?: string;
	/** The node's ID in its workflow (n8n keeps per-node data under it); a fixed one when omitted. */
	nodeId?: string;
	/** The credential references the node saves; one per provider when omitted. */
	credentialRefs?: INode['credentials'];
}

// Vendor accounts are shared by every run in the process: each test starts as a fresh process,
// so a rate limit learned in one test does not pace the next.
afterEach(() => schedulers.clear());

/**
 * Runs the node's execute() inside n8n-core's real ExecuteContext: parameters resolve as in n8n
 * (defaults, expressions per item), continue-on-fail follows the node's On Error setting, and
 * HTTP goes through n8n's own request helper, so nock sees the request n8n would send.
 */
export async function runNode(input: RunInput): Promise<INodeExecutionData[][]> {
	const context = createExecuteContext(input);
	const nodeType = nodeTypeByName(input.type ?? NODE_TYPE);
	return (await nodeType.execute!.call(context)) as INodeExecutionData[][];
}

/** The node's parameters as a saved workflow holds them: the user's values over n8n's defaults. */
export function nodeParameters(
	nodeType: INodeType,
	parameters: INodeParameters,
	node: INode = testNode(),
): INodeParameters {
	return (
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? {}
	);
}

/** n8n-core's real ExecuteContext for the node with these parameters and input items. */
export function createExecuteContext(input: RunInput): ExecuteContext {
	const items: INodeExecutionData[] = (input.items ?? [{}]).map((json) => ({ json }));
	const type = input.type ?? NODE_TYPE;
	const nodeType = nodeTypeByName(type);
	const node = testNode({
		type: input.asTool ? `${type}Tool` : type,
		onError: input.onError,
		credentials: input.credentialRefs ?? nodeCredentials,
		...(input.nodeId ? { id: input.nodeId } : {}),
	});
	node.parameters = nodeParameters(nodeType, input.parameters, node);
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(input.credentials ?? testCredentials),
		executionId: 'test-execution',
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook/',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting/',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting/',
		currentNodeParameters: undefined,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const executeData = { node, data: { main: [items] }, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
		input.signal ?? new AbortController().signal,
	);
	return context;
}
