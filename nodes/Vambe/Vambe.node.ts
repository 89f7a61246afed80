import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { upsertNode } from '../engine/node';
import { defineProvider } from '../engine/provider';
import { vambe } from '../providers/vambe';

// Its own provider module only: the package carries no other vendor's code.
const node = upsertNode([defineProvider(vambe)]);

/**
 * Vambe: Contact Upsert's Vambe provider as a node of its own, for the single-service package
 * n8n-nodes-vambe: the same parameters, without Provider.
 */
export class Vambe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vambe',
		name: 'vambe',
		icon: { light: 'file:../../icons/vambe.svg', dark: 'file:../../icons/vambe.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: node.subtitle,
		description: 'Create or update a contact on Vambe in one step',
		// Returned as is by the editor's Docs link; from the codex URL it would append a second `?`.
		documentationUrl:
			'https://github.com/contact-upsert/n8n-nodes-contact-upsert/tree/main/packages/n8n-nodes-vambe#readme',
		defaults: { name: 'Vambe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...node.fields,
	};

	methods = node.methods;

	execute = node.execute;
}
