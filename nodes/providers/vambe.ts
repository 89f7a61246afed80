import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { customFieldsField, emailField } from '../engine/descriptions';
import {
	collection,
	jsonObject,
	keyValues,
	optionalEmail,
	optionalText,
	phone,
	requiredText,
	schemaPerSettings,
	uuid,
	UUID_PATTERN,
	type KeyValue,
} from '../engine/fields';
import { formatPhone } from '../engine/phone';
import { joinUrl } from '../engine/url';
import { asRecord, describeRawBody, text, textOrList } from '../engine/vendorMessage';
import type { Connection, ParseSettings, ProviderDefinition } from '../engine/provider';
import { vambeMethods } from './vambeLists';
import { vambeTagFollowUps, vambeTagsProperty, vambeTagsSchema } from './vambeTags';

const CHANNELS = ['whatsapp', 'web-whatsapp', 'webchat'] as const;
type VambeChannel = (typeof CHANNELS)[number];
const PHONE_CHANNELS: VambeChannel[] = ['whatsapp', 'web-whatsapp'];

/** Cleaned input for one Vambe upsert. */
export interface VambeInput {
	channel: VambeChannel;
	channelPhoneNumber?: string;
	phoneNumber?: string;
	webchatChannelId?: string;
	externalUserId?: string;
	name?: string;
	email?: string;
	stageId?: string;
	agentId?: string;
	metadata?: Record<string, unknown>;
	customFields?: KeyValue[];
	/** Replace the contact's tags with these after the upsert; empty leaves them alone. */
	tagIds: number[];
}

const properties: INodeProperties[] = [
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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
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
		],
	},
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

/** The channel number is "phone number or ID": a valid phone number is normalized, an ID is kept. */
function channelNumber(defaultCountry?: string) {
	return requiredText({ example: '+56 9 1111 2222', identity: true }).transform((value) => {
		const result = formatPhone(value, 'e164', defaultCountry);
		return result.ok ? result.value : value;
	});
}

function buildSchema({ defaultCountry }: ParseSettings) {
	const shared = {
		additionalFields: collection({
			name: optionalText(),
			email: optionalEmail(),
			stageId: uuid({ required: false }),
			agentId: uuid({ required: false }),
			metadata: jsonObject(),
		}),
		customFields: keyValues(),
		vambeTags: vambeTagsSchema,
	};
	const phoneChannel = (channel: 'whatsapp' | 'web-whatsapp') =>
		z.object({
			vambeChannel: z.literal(channel),
			channelPhoneNumber: channelNumber(defaultCountry),
			phoneNumber: phone({ format: 'e164', defaultCountry, required: true }),
			...shared,
		});
	return z
		.discriminatedUnion(
			'vambeChannel',
			[
				phoneChannel('whatsapp'),
				phoneChannel('web-whatsapp'),
				z.object({
					vambeChannel: z.literal('webchat'),
					webchatChannelId: uuid({ required: true }),
					externalUserId: requiredText({ example: 'user-4821', identity: true }),
					...shared,
				}),
			],
			{
				errorMap: () => ({
					message: `must be one of ${CHANNELS.join(', ')}. Pick the channel from the list.`,
				}),
			},
		)
		.transform((raw): VambeInput => {
			const { additionalFields, customFields, vambeTags } = raw;
			return {
				channel: raw.vambeChannel,
				...(raw.vambeChannel === 'webchat'
					? { webchatChannelId: raw.webchatChannelId, externalUserId: raw.externalUserId }
					: { channelPhoneNumber: raw.channelPhoneNumber, phoneNumber: raw.phoneNumber }),
				...additionalFields,
				customFields,
				tagIds: vambeTags,
			};
		});
}

function definedOnly(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** Vambe: `POST /api/public/customer/upsert/info` with an `x-api-key` header. */
export const vambe: ProviderDefinition<VambeInput> = {
	id: 'vambe',
	displayName: 'Vambe',
	credentialType: 'vambeApi',
	subtitleDetail: {
		parameter: 'vambeChannel',
		labels: { whatsapp: 'WhatsApp', 'web-whatsapp': 'WhatsApp Web', webchat: 'Webchat' },
	},
	secretFields: ['apiKey'],
	properties,
	methods: vambeMethods,

	schema: schemaPerSettings(buildSchema),

	connection: (credentials) => ({ baseUrl: String(credentials.baseUrl ?? 'https://api.vambe.me') }),

	// Vambe finds the contact by channel and phone number, or by webchat channel and user ID.
	contactKey: (input) =>
		input.channel === 'webchat'
			? `webchat ${input.webchatChannelId} ${input.externalUserId}`
			: `${input.channel} ${input.channelPhoneNumber} ${input.phoneNumber}`,

	buildRequest(input, connection: Connection) {
		const identity: IDataObject =
			input.channel === 'webchat'
				? { channel_id: input.webchatChannelId, external_user_id: input.externalUserId }
				: {
						channel_phone_number: input.channelPhoneNumber,
						contact_phone_number: input.phoneNumber,
					};
		return {
			method: 'POST',
			url: joinUrl(connection.baseUrl, '/api/public/customer/upsert/info'),
			body: definedOnly({
				channel: input.channel,
				...identity,
				contact_name: input.name,
				contact_email: input.email,
				stageId: input.stageId,
				agentId: input.agentId,
				meta_data: input.metadata as IDataObject | undefined,
				custom_field_values: input.customFields?.map(({ key, value }) => ({ key, value })),
			}),
		};
	},

	normalize(body) {
		const contact = asRecord(body) ?? {};
		return {
			provider: 'vambe',
			contactId: text(contact.id) ?? null,
			name: text(contact.name) ?? null,
			email: text(contact.email) ?? null,
			phoneNumber: text(contact.phone) ?? null,
		};
	},

	describeError(statusCode, body) {
		const record = asRecord(body);
		// Vambe runs NestJS: { statusCode, message, error }, message sometimes a list.
		const message = textOrList(record?.message) ?? text(record?.error) ?? describeRawBody(body);
		const hints: Record<number, string> = {
			400: 'Check the channel fields and that every custom field key exists in Vambe.',
			401: 'Check the API key in the Vambe credential.',
			404: 'Check the channel phone number: it must be a WhatsApp channel configured in your Vambe account.',
		};
		return { message: message ?? `HTTP ${statusCode}`, details: hints[statusCode] };
	},

	followUps: (input, contactId, connection) =>
		vambeTagFollowUps(input.tagIds, contactId, connection),
};
