import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	executeUpsertNode,
	upsertNodeFields,
	upsertNodeMethods,
	upsertNodeSubtitle,
} from '../engine/node';
import { defineProvider } from '../engine/provider';
import { vambe } from '../providers/vambe';

// Its own provider module only: the package carries no other vendor's code.
const providers = [defineProvider(vambe)];

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
		subtitle: upsertNodeSubtitle(providers),
		description: 'Create or update a contact on Vambe in one step',
		// Returned as is by the editor's Docs link; from the codex URL it would append a second `?`.
		documentationUrl:
			'https://github.com/contact-upsert/n8n-nodes-contact-upsert/tree/main/packages/n8n-nodes-vambe#readme',
		defaults: { name: 'Vambe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...upsertNodeFields(providers),
	};

	methods = upsertNodeMethods(providers);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUpsertNode(this, providers);
	}
}
