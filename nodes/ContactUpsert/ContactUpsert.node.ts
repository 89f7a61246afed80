import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { commonProperties } from './options';
import { providers } from './providers';
import { canvasSubtitle } from './shared/subtitle';
import { executeUpsert } from './upsert';

/**
 * Contact Upsert: creates or updates a contact on Vambe, ChatbotX, Rampwin or Hypersender.
 * Each provider's fields live in its own file under providers/; the item loop is in upsert.ts.
 */
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
		subtitle: canvasSubtitle(providers),
		description:
			'Create or update a contact on Vambe, ChatbotX, Rampwin or Hypersender in one step',
		// Returned as is by the editor's Docs link; from the codex URL it would append a second `?`.
		documentationUrl: 'https://github.com/contact-upsert/n8n-nodes-contact-upsert#readme',
		defaults: { name: 'Contact Upsert' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Keyed on '/provider' (the same parameter, read from the node's root) rather than
		// 'provider': n8n's editor takes any parameter named in a credential's `show` as the node's
		// authentication field, hides it from the panel and opens the first provider's credential
		// for "Create new credential". Vambe first: the resource locators' "Add your credential"
		// link opens the first credential, and only Vambe has resource locators.
		credentials: [
			{ name: 'vambeApi', required: true, displayOptions: { show: { '/provider': ['vambe'] } } },
			{
				name: 'chatbotxApi',
				required: true,
				displayOptions: { show: { '/provider': ['chatbotx'] } },
			},
			{
				name: 'hypersenderApi',
				required: true,
				displayOptions: { show: { '/provider': ['hypersender'] } },
			},
			{
				name: 'rampwinApi',
				required: true,
				displayOptions: { show: { '/provider': ['rampwin'] } },
			},
		],
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: providers.map((provider) => ({ name: provider.displayName, value: provider.id })),
				default: 'vambe',
				description: 'The platform to create or update the contact on',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Create or Update',
						value: 'upsert',
						action: 'Create or update a contact',
						description:
							'Create a new record, or update the current one if it already exists (upsert)',
					},
				],
				default: 'upsert',
			},
			...providers.flatMap((provider) => provider.properties),
			...commonProperties,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUpsert.call(this);
	}
}
