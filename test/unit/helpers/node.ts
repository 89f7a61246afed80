import type { INode, INodeCredentials, INodeTypes } from 'n8n-workflow';

import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';
import { providers } from '../../../nodes/providers';

export const NODE_TYPE = 'n8n-nodes-contact-upsert.contactUpsert';

/** The node type under test, and the registry n8n's Workflow looks node types up in. */
export const nodeType = new ContactUpsert();
export const nodeTypes: INodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
};

/** A credential reference per registered provider, as a saved node holds them. */
export const nodeCredentials: INodeCredentials = Object.fromEntries(
	providers.map((provider, index) => [
		provider.credentialType,
		{ id: String(index + 1), name: provider.displayName },
	]),
);

/** A Contact Upsert node as a workflow holds it; `overrides` set id, parameters, credentials… */
export function testNode(overrides: Partial<INode> = {}): INode {
	return {
		id: 'b5c3a0a2-7c64-4b8e-9d0a-1f6f3e2d4c5b',
		name: 'Contact Upsert',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...overrides,
	};
}
