import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import {
	additionalFieldsField,
	customFieldsField,
	emailField,
	personNameField,
} from '../engine/sharedFields';
import {
	keyValues,
	optionalEmail,
	optionalText,
	phone,
	requiredText,
	schemaPerSettings,
	type KeyValue,
} from '../engine/fieldSchemas';
import { collection, fieldSchema, objectSchema } from '../engine/schema';
import { joinUrl } from '../engine/url';
import { asRecord, describeRawBody, fieldErrors, text } from '../engine/vendorMessage';
import type { ParseSettings, ProviderDefinition } from '../engine/provider';

/** The documented failures (Unauthorized, Invalid channel), recognised whatever the status. */
const FAILURE_MESSAGE = /^\s*(unauthori[sz]ed|invalid channel)\b/i;

/**
 * Whether a 2xx answer says the upsert did not happen. Rampwin documents its failures by message
 * ("Unauthorized", "Invalid channel") and other endpoints answer 200 with `success: false`; an
 * answer without `success: true` that carries an `error`, or no JSON object at all, does not say
 * the contact was saved either.
 */
function reportsFailure(body: unknown): boolean {
	const record = asRecord(body);
	if (!record) return true;
	if (record.success === false || record.success === 'false') return true;
	if (FAILURE_MESSAGE.test(text(record.message) ?? '')) return true;
	return record.success !== true && record.error !== undefined && record.error !== null;
}

/** Body keys the node sets from its own fields; a custom attribute may not overwrite them. */
const CORE_KEYS = ['phone_number', 'first_name', 'last_name', 'email', 'tags'] as const;

/** Cleaned input for one Rampwin upsert. */
export interface RampwinInput {
	channelId: string;
	phoneNumber: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	tags?: string[];
	customFields?: KeyValue[];
}

const properties: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'rampwinChannelId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '65f1c2a9b7e4d3c2a1f0e9d8',
		description:
			'ID of the Rampwin WhatsApp channel (integration) the contact belongs to, e.g. 65f1c2a9b7e4d3c2a1f0e9d8. Rampwin keeps one contact per phone number and channel.',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+1 213 555 0142',
		description:
			"The contact's phone number in any common format, e.g. +1 (213) 555-0142; numbers without a country code use Options → Default Country. Sent as E.164 (+12135550142).",
	},
	additionalFieldsField([
		emailField('john@example.com'),
		personNameField('firstName', 'John'),
		personNameField('lastName', 'Doe'),
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'vip, newsletter',
			description: 'Comma-separated tags, sent as a list, e.g. vip, newsletter',
		},
	]),
	customFieldsField({
		description:
			'Extra contact attributes such as city, plan_status or timezone, sent as top-level fields of the contact',
		key: {
			placeholder: 'city',
			description: 'Attribute name as Rampwin knows it, e.g. city or plan_status',
		},
		value: { placeholder: 'Santiago', description: 'Attribute value, sent as text, e.g. Santiago' },
	}),
];

function tags() {
	return fieldSchema((value, ctx): string[] | undefined => {
		if (value === undefined || value === null || value === '') return undefined;
		const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
		if (!list || list.some((tag) => typeof tag !== 'string' && typeof tag !== 'number')) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'must be comma-separated text such as "vip, newsletter".',
			});
			return z.NEVER;
		}
		const cleaned = [...new Set(list.map((tag) => String(tag).trim()).filter((tag) => tag !== ''))];
		return cleaned.length ? cleaned : undefined;
	});
}

function buildSchema({ defaultCountry }: ParseSettings) {
	return objectSchema({
		rampwinChannelId: requiredText({ example: '65f1c2a9b7e4d3c2a1f0e9d8', identity: true }),
		phoneNumber: phone({ format: 'e164', defaultCountry, required: true }),
		additionalFields: collection({
			firstName: optionalText(),
			lastName: optionalText(),
			email: optionalEmail(),
			tags: tags(),
		}),
		customFields: keyValues({ reserved: CORE_KEYS }),
	}).transform(
		(raw): RampwinInput => ({
			channelId: raw.rampwinChannelId,
			// Required above: parsing fails before this point when it is missing.
			phoneNumber: raw.phoneNumber as string,
			...raw.additionalFields,
			customFields: raw.customFields,
		}),
	);
}

/** Rampwin: `POST /api/contacts/insertOrUpdate?channel_id=…` with an `x-api-key` header. */
export const rampwin: ProviderDefinition<RampwinInput> = {
	id: 'rampwin',
	displayName: 'Rampwin',
	credentialType: 'rampwinApi',
	secretFields: ['apiKey'],
	properties,

	schema: schemaPerSettings(buildSchema),

	connection: (credentials) => ({
		baseUrl: String(credentials.baseUrl ?? 'https://api.rampwin.com'),
	}),

	// Rampwin keeps one contact per channel and phone number.
	contactKey: (input) => `${input.channelId} ${input.phoneNumber}`,

	buildRequest(input, connection) {
		const body: IDataObject = {};
		// Custom attributes first, so the node's own fields can never be overwritten by them.
		for (const { key, value } of input.customFields ?? []) body[key] = value;
		body.phone_number = input.phoneNumber;
		if (input.firstName !== undefined) body.first_name = input.firstName;
		if (input.lastName !== undefined) body.last_name = input.lastName;
		if (input.email !== undefined) body.email = input.email;
		if (input.tags !== undefined) body.tags = input.tags;
		return {
			method: 'POST',
			url: joinUrl(connection.baseUrl, '/api/contacts/insertOrUpdate'),
			qs: { channel_id: input.channelId },
			body,
		};
	},

	expected: (input) => ({
		provider: 'rampwin',
		contactId: null,
		name: [input.firstName, input.lastName].filter(Boolean).join(' ') || null,
		email: input.email ?? null,
		phoneNumber: input.phoneNumber,
	}),

	normalize(body) {
		const data = asRecord(asRecord(body)?.data) ?? {};
		const joined = [text(data.first_name), text(data.last_name)].filter(Boolean).join(' ');
		return {
			provider: 'rampwin',
			contactId: text(data._id) ?? text(data.id) ?? null,
			name: text(data.full_name) ?? (joined || null),
			email: text(data.email) ?? null,
			phoneNumber: text(data.phone_number) ?? null,
		};
	},

	reportsFailure: reportsFailure,

	describeError(statusCode, body) {
		// { success: false, message } on this endpoint; other Rampwin endpoints add { errors }.
		const record = asRecord(body);
		const errors = fieldErrors(record?.errors);
		const message =
			text(record?.message) ??
			text(record?.error) ??
			errors ??
			describeRawBody(body) ??
			(statusCode < 300 ? 'an empty answer, without the contact' : `HTTP ${statusCode}`);
		let hint: string | undefined;
		if (/invalid channel/i.test(message))
			hint = 'Check the Channel ID: it must be one of your Rampwin WhatsApp channels.';
		else if (statusCode === 401 || /unauthori[sz]ed/i.test(message))
			hint = 'Check the API key in the Rampwin credential.';
		const details = [errors && errors !== message ? errors : undefined, hint]
			.filter(Boolean)
			.join(' ');
		return { message, details: details || undefined };
	},
};
