import type { INodeProperties } from 'n8n-workflow';

import { additionalFieldsField, customFieldsField, emailField } from '../../engine/sharedFields';
import { UUID_PATTERN } from '../../engine/fieldSchemas';
import { vambeTagsProperty } from './tags';

/** Vambe's channels, as the `vambeChannel` parameter saves them. */
export const CHANNELS = ['whatsapp', 'web-whatsapp', 'webchat'] as const;
export type VambeChannel = (typeof CHANNELS)[number];
const PHONE_CHANNELS: VambeChannel[] = ['whatsapp', 'web-whatsapp'];

export const properties: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'vambeChannel',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Webchat',
				value: 'webchat',
				description: 'Contact of your website chat widget, found by your own user ID',
			},
			{
				name: 'WhatsApp Business API',
				value: 'whatsapp',
				description: 'Contact of an official WhatsApp Business API number, found by phone',
			},
			{
				name: 'WhatsApp Web (QR Code)',
				value: 'web-whatsapp',
				description: 'Contact of a number connected by QR code, found by phone',
			},
		],
		default: 'whatsapp',
		description:
			'The Vambe channel the contact belongs to: whatsapp, web-whatsapp or webchat. It decides how the contact is found.',
	},
	{
		displayName: 'Channel Phone Number or ID',
		name: 'channelPhoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+56 9 1111 2222',
		description:
			'Your WhatsApp number (the sender) as configured in Vambe, or the channel ID, e.g. +56 9 1111 2222. Phone numbers are sent in international format.',
		displayOptions: { show: { vambeChannel: PHONE_CHANNELS } },
	},
	{
		displayName: 'Contact Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+56 9 1234 5678',
		description:
			"The customer's phone number. Any common format; numbers without a country code use Options → Default Country. Sent as E.164 (+56912345678).",
		displayOptions: { show: { vambeChannel: PHONE_CHANNELS } },
	},
	{
		displayName: 'Webchat Channel ID',
		name: 'webchatChannelId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
		description: 'UUID of your Vambe webchat channel, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e',
		displayOptions: { show: { vambeChannel: ['webchat'] } },
	},
	{
		displayName: 'External User ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'user-4821',
		description:
			"Your own unique ID for the website user (e.g. your app's user ID). Vambe finds or creates the contact by it.",
		displayOptions: { show: { vambeChannel: ['webchat'] } },
	},
	additionalFieldsField([
		{
			displayName: 'Agent',
			name: 'agentId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description:
				'The team member to assign as responsible agent: pick from the list or give the member UUID',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select an agent…',
					typeOptions: { searchListMethod: 'searchVambeAgents', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: '6c2b0a8e-3d4f-4a5b-9c6d-7e8f9a0b1c2d',
					validation: [
						{
							type: 'regex',
							properties: { regex: UUID_PATTERN, errorMessage: 'Enter the agent UUID' },
						},
					],
				},
			],
		},
		emailField('jane@example.com'),
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'json',
			default: '{}',
			placeholder: '{"source": "website", "plan": "pro"}',
			description:
				'Any extra customer data as a JSON object. Vambe processes it with AI in the background and maps it onto your custom fields.',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'Jane Doe',
			description: "The customer's display name, e.g. Jane Doe",
		},
		{
			displayName: 'Stage',
			name: 'stageId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description:
				'The pipeline stage to put the customer in: pick from the list or give the stage UUID',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select a stage…',
					typeOptions: { searchListMethod: 'searchVambeStages', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
					validation: [
						{
							type: 'regex',
							properties: { regex: UUID_PATTERN, errorMessage: 'Enter the stage UUID' },
						},
					],
				},
			],
		},
	]),
	{
		displayName:
			'Custom field keys must already exist in Vambe (Settings → Custom Fields); an unknown key makes Vambe refuse the whole contact.',
		name: 'vambeCustomFieldsNotice',
		type: 'notice',
		default: '',
	},
	customFieldsField({
		description:
			'Values for custom fields defined in Vambe, each by its definition key, e.g. company_name = Acme',
		key: {
			placeholder: 'company_name',
			description: 'The custom field definition key, e.g. company_name or rut',
		},
		value: {
			placeholder: 'Acme Inc.',
			description: 'The value to set, as text (numbers, dates and booleans too), e.g. Acme',
		},
	}),
	vambeTagsProperty,
];
