import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper, testCredentials } from './credentials';
import { nodeType, nodeTypes, testNode } from './node';

/** n8n-core's real LoadOptionsContext for a Contact Upsert node set to `provider`. */
function loadOptionsContext(
	provider: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): LoadOptionsContext {
	const credentialType = `${provider}Api`;
	const node = testNode({
		id: 'd3b8a2e5-4c7f-4a1b-8e9d-8f7a6b5c4d3e',
		parameters: { provider },
		credentials: { [credentialType]: { id: '5', name: provider } },
	});
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentials),
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}

/**
 * Calls one of the node's list-search methods (a resource locator's dropdown; Vambe's) inside
 * n8n-core's real LoadOptionsContext, so the request goes through n8n's HTTP helper and the
 * credential.
 */
export async function searchList(
	method: string,
	filter?: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = testCredentials,
): Promise<INodeListSearchResult> {
	const search = nodeType.methods.listSearch[method];
	if (!search) throw new Error(`No list search method ${method}`);
	return await search.call(loadOptionsContext('vambe', credentials), filter);
}

/**
 * Calls one of the node's load-options methods (an options or multi-options dropdown) for a
 * provider inside n8n-core's real LoadOptionsContext, with that provider's credential.
 */
export async function loadOptionsOf(
	method: string,
	provider: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = testCredentials,
): Promise<INodePropertyOptions[]> {
	const load = nodeType.methods.loadOptions[method];
	if (!load) throw new Error(`No load-options method ${method}`);
	return await load.call(loadOptionsContext(provider, credentials));
}
