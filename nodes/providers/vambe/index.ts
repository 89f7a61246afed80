import type { IDataObject } from 'n8n-workflow';

import {
	jsonObject,
	keyValues,
	optionalEmail,
	optionalText,
	phone,
	requiredText,
	schemaPerSettings,
	uuid,
	type KeyValue,
} from '../../engine/fieldSchemas';
import { formatPhone } from '../../engine/phone';
import { collection, variantsSchema } from '../../engine/schema';
import { joinUrl } from '../../engine/url';
import { asRecord, describeRawBody, text, textOrList } from '../../engine/vendorMessage';
import type { Connection, ParseSettings, ProviderDefinition } from '../../engine/provider';
import { CHANNELS, properties, type VambeChannel } from './fields';
import { vambeMethods } from './lists';
import { vambeTagFollowUps, vambeTagsSchema } from './tags';

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
	const phoneChannel = {
		channelPhoneNumber: channelNumber(defaultCountry),
		phoneNumber: phone({ format: 'e164', defaultCountry, required: true }),
		...shared,
	};
	return variantsSchema(
		'vambeChannel',
		{
			whatsapp: phoneChannel,
			'web-whatsapp': phoneChannel,
			webchat: {
				webchatChannelId: uuid({ required: true }),
				externalUserId: requiredText({ example: 'user-4821', identity: true }),
				...shared,
			},
		},
		`must be one of ${CHANNELS.join(', ')}. Pick the channel from the list.`,
	).transform((raw): VambeInput => {
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

	expected: (input) => ({
		provider: 'vambe',
		contactId: null,
		name: input.name ?? null,
		email: input.email ?? null,
		phoneNumber: input.phoneNumber ?? null,
	}),

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
