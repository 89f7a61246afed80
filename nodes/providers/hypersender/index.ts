import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { additionalFieldsField, personNameField } from '../../engine/sharedFields';
import { optionalText, quote, requiredText, schemaPerSettings } from '../../engine/fieldSchemas';
import { asciiDigits, cleanIdentity } from '../../engine/identity';
import { formatPhone } from '../../engine/phone';
import { readWhatsAppSpelling } from '../../engine/whatsappIds';
import { collection, objectSchema } from '../../engine/schema';
import { encodeSegment, joinUrl } from '../../engine/url';
import { asRecord, describeRawBody, fieldErrors, text } from '../../engine/vendorMessage';
import type { ParseSettings, ProviderDefinition } from '../../engine/provider';
import { options, queue } from './queue';

/** Cleaned input for one Hypersender upsert. */
export interface HypersenderInput {
	chatId: string;
	firstName: string;
	lastName?: string;
}

type ChatIdResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * The chat ID Hypersender is sent, one form per person (see README, Phone numbers):
 * - a phone number in any spelling a WhatsApp platform emits (`…@c.us`, `…@s.whatsapp.net` with
 *   or without a device part, `whatsapp:+…`, `tel:`, `wa.me` and `api.whatsapp.com/send` links)
 *   or as typed: international digits (`12132132130`). Hypersender writes the contact into the
 *   linked phone's address book, which holds phone numbers, and its contacts endpoints take bare
 *   digits, so a number and its WhatsApp IDs make the same request. Digits from an ID or a link
 *   are country code first (Default Country does not apply).
 * - `…@lid`: an opaque ID that cannot be turned back into a phone number: digits only, sent as
 *   given (without a device part).
 * Invisible characters are ignored everywhere.
 */
export function toHypersenderChatId(raw: string, defaultCountry?: string): ChatIdResult {
	const value = cleanIdentity(raw);
	// Built only for a message: quoting walks the value character by character.
	const shown = () => quote(raw.trim());
	const spelling = readWhatsAppSpelling(asciiDigits(value));
	if (spelling.kind === 'lid') return { ok: true, value: `${spelling.id}@lid` };
	if (spelling.kind === 'refused' && /@lid$/i.test(value)) {
		return { ok: false, reason: `${shown()} ${spelling.reason}.` };
	}
	if (spelling.kind === 'refused' || (spelling.kind === 'plain' && value.includes('@'))) {
		const why =
			spelling.kind === 'refused'
				? spelling.reason
				: 'is not a chat ID Hypersender can save as a contact';
		return {
			ok: false,
			reason: `${shown()} ${why}. Use a phone number (e.g. +1 213 213 2130) or a WhatsApp ID ending @c.us (12132132130@c.us) or @lid (123456789012345@lid).`,
		};
	}
	const phone = formatPhone(value, 'digits', defaultCountry);
	if (phone.ok) return phone;
	const server = /@(c\.us|s\.whatsapp\.net)$/i.exec(value)?.[1].toLowerCase();
	return {
		ok: false,
		reason: server
			? `${shown()} is not a WhatsApp @${server} ID: the part before @${server} must be a phone number with its country code, e.g. 12132132130@${server}, and it ${phone.reason}.`
			: `${shown()} ${phone.reason}.`,
	};
}

const properties: INodeProperties[] = [
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+1 213 213 2130',
		description:
			'The contact: a phone number in any format, or a WhatsApp ID (12132132130@c.us, …@s.whatsapp.net, a wa.me link), sent as international digits; or an ID ending @lid, sent as given',
	},
	{ ...personNameField('firstName', 'John', ' (required by Hypersender)'), required: true },
	{
		displayName:
			'Hypersender writes the contact into the address book of the phone linked to the instance. It can take a few seconds, and sometimes a repeat, to show up.',
		name: 'hypersenderNotice',
		type: 'notice',
		default: '',
	},
	additionalFieldsField([personNameField('lastName', 'Doe')]),
];

function buildSchema({ defaultCountry }: ParseSettings) {
	return objectSchema({
		chatId: requiredText({ example: '+1 213 213 2130', identity: true }).transform((value, ctx) => {
			const result = toHypersenderChatId(value, defaultCountry);
			if (!result.ok) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.reason });
				return z.NEVER;
			}
			return result.value;
		}),
		firstName: requiredText({ example: 'John' }),
		additionalFields: collection({ lastName: optionalText() }),
	}).transform(
		(raw): HypersenderInput => ({
			chatId: raw.chatId,
			firstName: raw.firstName,
			lastName: raw.additionalFields.lastName,
		}),
	);
}

/** Hypersender: `POST /api/whatsapp/v2/{instance}/contacts/upsert` with a Bearer token. */
export const hypersender: ProviderDefinition<HypersenderInput> = {
	id: 'hypersender',
	displayName: 'Hypersender',
	credentialType: 'hypersenderApi',
	secretFields: ['apiToken'],
	properties,
	options,

	schema: schemaPerSettings(buildSchema),

	connection: (credentials) => ({
		baseUrl: String(credentials.baseUrl ?? 'https://app.hypersender.com'),
		instanceId: String(credentials.instanceId ?? '').trim(),
	}),

	connectionProblem({ instanceId }) {
		if (!instanceId) {
			return 'The Hypersender credential has no Instance ID';
		}
		// It becomes a path segment: letters, digits, - and _ only (the dashboard shows a UUID).
		if (!/^[A-Za-z0-9_-]+$/.test(instanceId)) {
			return `The Hypersender credential's Instance ID ${JSON.stringify(instanceId.slice(0, 60))} is not an instance ID (letters, digits, - and _ only)`;
		}
		return undefined;
	},

	// The instance is part of the account; within it the chat ID is the contact, already in its
	// one form per person (a phone number and its WhatsApp IDs give the same digits).
	contactKey: (input) => input.chatId,

	buildRequest(input, connection) {
		const instance = encodeSegment(connection.instanceId ?? '');
		return {
			method: 'POST',
			url: joinUrl(connection.baseUrl, `/api/whatsapp/v2/${instance}/contacts/upsert`),
			headers: { Accept: 'application/json' },
			body: {
				chat_id: input.chatId,
				first_name: input.firstName,
				...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
			},
		};
	},

	normalize(body, input) {
		const record = asRecord(body) ?? {};
		const normalized = {
			provider: 'hypersender' as const,
			// Hypersender returns no id: the chat_id sent is how the contact is addressed.
			contactId: input.chatId,
			name: null,
			email: null,
			phoneNumber: null,
		};
		// v2 may queue a request instead of running it: say so rather than claim it is done.
		if (record.queued === true) {
			return {
				...normalized,
				queued: true,
				queuedRequestId: text(record.queued_request_uuid) ?? null,
				queuedRequestLink: text(record.queued_request_link) ?? null,
			};
		}
		return normalized;
	},

	// The documented success body says { data: { success: true } }; believe it when it says false.
	reportsFailure: (body) => asRecord(asRecord(body)?.data)?.success === false,

	queue,

	describeError(statusCode, body) {
		// Laravel: { message, errors: { field: [messages] } }.
		const record = asRecord(body);
		const errors = fieldErrors(record?.errors);
		const message =
			text(record?.message) ?? errors ?? describeRawBody(body) ?? `HTTP ${statusCode}`;
		const hints: Record<number, string> = {
			401: 'Check the API token in the Hypersender credential.',
			404: 'Check the Instance ID in the Hypersender credential.',
		};
		const details = [errors && errors !== message ? errors : undefined, hints[statusCode]]
			.filter(Boolean)
			.join(' ');
		return { message, details: details || undefined };
	},
};
