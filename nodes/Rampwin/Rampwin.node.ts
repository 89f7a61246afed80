import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { upsertNode } from '../engine/node';
import { defineProvider } from '../engine/provider';
import { rampwin } from '../providers/rampwin';

// Its own provider module only: the package carries no other vendor's code.
const node = upsertNode([defineProvider(rampwin)]);

/**
 * Rampwin: Contact Upsert's Rampwin provider as a node of its own, for the single-service package
 * n8n-nodes-rampwin: the same parameters, without Provider.
 */
export class Rampwin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rampwin',
		name: 'rampwin',
		icon: { light: 'file:../../icons/rampwin.svg', dark: 'file:../../icons/rampwin.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: node.subtitle,
		description: 'Create or update a contact on Rampwin in one step',
		// Returned as is by the editor's Docs link; from the codex URL it would append a second `?`.
		documentationUrl:
			'https://github.com/contact-upsert/n8n-nodes-contact-upsert/tree/main/packages/n8n-nodes-rampwin#readme',
		defaults: { name: 'Rampwin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...node.fields,
	};

	methods = node.methods;

	execute = node.execute;
}
