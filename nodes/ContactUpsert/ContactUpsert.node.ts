import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { upsertNode } from '../engine/node';
import { providers } from '../providers';

const node = upsertNode(providers);

/** Contact Upsert: every provider of the registry behind one Provider selector. */
export class ContactUpsert implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Contact Upsert',
		name: 'contactUpsert',
		icon: {
			light: 'file:../../icons/contactUpsert.svg',
			dark: 'file:../../icons/contactUpsert.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: node.subtitle,
		description:
			'Create or update a contact on ChatbotX, Hypersender, Rampwin or Vambe in one step',
		// Returned as is by the editor's Docs link; from the codex URL it would append a second `?`.
		documentationUrl: 'https://github.com/contact-upsert/n8n-nodes-contact-upsert#readme',
		defaults: { name: 'Contact Upsert' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...node.fields,
	};

	methods = node.methods;

	execute = node.execute;
}
