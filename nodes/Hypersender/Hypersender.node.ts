import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { upsertNode } from '../engine/node';
import { defineProvider } from '../engine/provider';
import { hypersender } from '../providers/hypersender';

// Its own provider module only: the package carries no other vendor's code.
const node = upsertNode([defineProvider(hypersender)]);

/**
 * Hypersender: Contact Upsert's Hypersender provider as a node of its own, for the single-service package
 * n8n-nodes-hypersender: the same parameters, without Provider.
 */
export class Hypersender implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hypersender',
		name: 'hypersender',
		icon: {
			light: 'file:../../icons/hypersender.svg',
			dark: 'file:../../icons/hypersender.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: node.subtitle,
		description: 'Create or update a contact on Hypersender in one step',
		// Returned as is by the editor's Docs link; from the codex URL it would append a second `?`.
		documentationUrl:
			'https://github.com/contact-upsert/n8n-nodes-contact-upsert/tree/main/packages/n8n-nodes-hypersender#readme',
		defaults: { name: 'Hypersender' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...node.fields,
	};

	methods = node.methods;

	execute = node.execute;
}
