import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INodeListSearchResult,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper, testCredentials } from './credentials';
import { nodeType, nodeTypes, testNode } from './node';

/**
 * Calls one of the node's list-search methods (a resource locator's dropdown) inside n8n-core's
 * real LoadOptionsContext, so the request goes through n8n's HTTP helper and the credential.
 */
export async function searchList(
	method: string,
	filter?: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = testCredentials,
): Promise<INodeListSearchResult> {
	const node = testNode({
		id: 'c2a7f1d4-3b6e-4f0a-9d8c-7e6f5a4b3c2d',
		parameters: { provider: 'vambe' },
		credentials: { vambeApi: { id: '4', name: 'Vambe' } },
	});
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentials),
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = nodeType.methods.listSearch[method];
	if (!search) throw new Error(`No list search method ${method}`);
	return await search.call(context, filter);
}
