import type { INode, INodeCredentials, INodeType, INodeTypes } from 'n8n-workflow';

import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';
import { providers, registry, singleServiceProviders } from '../../../nodes/providers';

export const NODE_TYPE = 'n8n-nodes-contact-upsert.contactUpsert';

/** The node type under test, and the registry n8n's Workflow looks node types up in. */
export const nodeType = new ContactUpsert();

/** A single-service package's node: its type as installed and its class instance. */
export interface VendorNode {
	providerId: string;
	type: string;
	node: INodeType;
}

/** Every single-service node, loaded from `nodes/<displayName>/` as the registry names them. */
export const vendorNodes: VendorNode[] = singleServiceProviders.map((id) => {
	const { displayName } = registry[id];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(`../../../nodes/${displayName}/${displayName}.node`) as Record<
		string,
		new () => INodeType
	>;
	return { providerId: id, type: `n8n-nodes-${id}.${id}`, node: new module[displayName]() };
});

const byType = new Map<string, INodeType>([
	[NODE_TYPE, nodeType],
	...vendorNodes.map((vendor): [string, INodeType] => [vendor.type, vendor.node]),
]);

/** The node class of a node type (a tool variant runs its base node). */
export function nodeTypeByName(type: string): INodeType {
	const found = byType.get(type.replace(/Tool$/, ''));
	if (!found) throw new Error(`No node type ${type}`);
	return found;
}

export const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypeByName(type),
	getByNameAndVersion: (type) => nodeTypeByName(type),
	getKnownTypes: () => ({}),
};

/** A registry that knows only `nodeType`: for a workflow around a stand-in node. */
export function onlyNodeType(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
}

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
