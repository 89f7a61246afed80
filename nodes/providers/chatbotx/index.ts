import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { optionalEmail, optionalText, quote, schemaPerSettings } from '../../engine/fieldSchemas';
import { cleanIdentity } from '../../engine/identity';
import { formatPhone } from '../../engine/phone';
import { encodeSegment, joinUrl } from '../../engine/url';
import { collection, fieldSchema, objectSchema } from '../../engine/schema';
import { asRecord, describeRawBody, text } from '../../engine/vendorMessage';
import {
	chatbotxCustomFieldsSchema,
	chatbotxFollowUps,
	chatbotxTagsSchema,
	type ChatbotxContactData,
} from './contactData';
import { properties } from './fields';
import { identityText, toChatbotxIdentifier } from './identifier';
import { chatbotxMethods } from './lists';
import type { ParseSettings, ProviderDefinition } from '../../engine/provider';

const GENDERS = ['female', 'male', 'unknown'] as const;
const NAME_MAX = 100;

/** Cleaned input for one ChatbotX upsert. */
export interface ChatbotxInput {
	/** Always prefixed: `email:…`, `phone:+…` or `id:…`. */
	identifier: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	phoneNumber?: string;
	avatar?: string;
	gender?: (typeof GENDERS)[number];
	/** Set on the contact after the upsert, by its ID. */
	contactData: ChatbotxContactData;
}

export { toChatbotxIdentifier };

function buildSchema({ defaultCountry }: ParseSettings) {
	return objectSchema({
		identifier: fieldSchema((value, ctx): string => {
			const { text: raw, failed } = identityText(value, ctx);
			if (failed) return z.NEVER;
			if (raw === undefined || cleanIdentity(raw) === '') {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message:
						typeof value === 'string' || value === undefined || value === null
							? 'is required. Enter e.g. email:jane@example.com or phone:+56912345678.'
							: 'must be text such as email:jane@example.com.',
				});
				return z.NEVER;
			}
			const result = toChatbotxIdentifier(raw, defaultCountry);
			if (!result.ok) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.reason });
				return z.NEVER;
			}
			return result.value;
		}),
		additionalFields: collection({
			firstName: optionalText({ max: NAME_MAX }),
			lastName: optionalText({ max: NAME_MAX }),
			// Lower-cased like an email: identifier: ChatbotX stores the body's e-mail and matches
			// identifiers against it exactly, so Jane@… and jane@… would be two contacts.
			email: optionalEmail({ max: NAME_MAX }).transform((email) => email?.toLowerCase()),
			phoneNumber: fieldSchema((value, ctx): string | undefined => {
				if (value === undefined || value === null || value === '') return undefined;
				const { text: raw, failed } = identityText(value, ctx);
				if (failed) return z.NEVER;
				if (raw === undefined) {
					ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be text.' });
					return z.NEVER;
				}
				if (cleanIdentity(raw) === '') return undefined;
				const result = formatPhone(raw, 'e164', defaultCountry);
				if (!result.ok) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						message: `${quote(raw.trim())} ${result.reason}.`,
					});
					return z.NEVER;
				}
				// ChatbotX accepts 10 to 20 digits; short national plans (e.g. +354 …) fall below.
				if (result.value.length - 1 < 10) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						message: `${quote(raw.trim())} has fewer than the 10 digits ChatbotX requires, country code included.`,
					});
					return z.NEVER;
				}
				return result.value;
			}),
			avatar: optionalText(),
			gender: fieldSchema((value, ctx): ChatbotxInput['gender'] => {
				if (value === undefined || value === null || value === '') return undefined;
				const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
				if (!GENDERS.includes(normalized as (typeof GENDERS)[number])) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						message: `${quote(value)} is not one of ${GENDERS.join(', ')}.`,
					});
					return z.NEVER;
				}
				return normalized as ChatbotxInput['gender'];
			}),
		}),
		chatbotxTags: chatbotxTagsSchema,
		chatbotxCustomFields: chatbotxCustomFieldsSchema,
	}).transform(
		({ identifier, additionalFields, chatbotxTags, chatbotxCustomFields }): ChatbotxInput => ({
			identifier,
			...additionalFields,
			contactData: { tagIds: chatbotxTags, customFields: chatbotxCustomFields },
		}),
	);
}

/** Seconds in ChatbotX's "Too many requests. Retry after 7s." */
export function chatbotxRetryAfter(message: string | undefined): number | undefined {
	const match = message ? /retry after\s+(\d+(?:\.\d+)?)\s*s/i.exec(message) : null;
	return match ? Number(match[1]) : undefined;
}

const CODE_HINTS: Record<string, string> = {
	INVALID_CHATBOT_TOKEN: 'Check the access token in the ChatbotX credential.',
	UNAUTHORIZED: 'Check the access token in the ChatbotX credential.',
	FORBIDDEN:
		'The token needs the "contacts" scope and full (not read-only) permission. Create a new token in Settings → Integrations.',
	phoneExists:
		'Another contact already has this phone number. Use phone:… as the identifier to update that contact.',
	quotaExceeded: 'The workspace has reached its contact limit; raise the plan or remove contacts.',
	tooManyRequests: 'ChatbotX limits requests per workspace; lower Options → Concurrency.',
};

/** ChatbotX: `POST /v1/contacts/{identifier}/upsert` with a Bearer token. */
export const chatbotx: ProviderDefinition<ChatbotxInput> = {
	id: 'chatbotx',
	displayName: 'ChatbotX',
	credentialType: 'chatbotxApi',
	secretFields: ['accessToken'],
	properties,
	methods: chatbotxMethods,

	schema: schemaPerSettings(buildSchema),

	connection: (credentials) => ({
		baseUrl: String(credentials.baseUrl ?? 'https://app.chatbotx.io/api'),
	}),

	// ChatbotX matches the contact on the prefixed identifier exactly as sent.
	contactKey: (input) => input.identifier,

	buildRequest(input, connection) {
		const { identifier, firstName, lastName, email, phoneNumber, avatar, gender } = input;
		const fields = { firstName, lastName, email, phoneNumber, avatar, gender };
		const body: IDataObject = {};
		for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
		return {
			method: 'POST',
			url: joinUrl(connection.baseUrl, `/v1/contacts/${encodeSegment(identifier)}/upsert`),
			body,
		};
	},

	expected(input) {
		// The identifier is `email:…`, `phone:…` or `id:…`: whichever it is, it is known.
		const [kind, ...rest] = input.identifier.split(':');
		const value = rest.join(':');
		return {
			provider: 'chatbotx',
			contactId: kind === 'id' ? value : null,
			name: [input.firstName, input.lastName].filter(Boolean).join(' ') || null,
			email: input.email ?? (kind === 'email' ? value : null),
			phoneNumber: input.phoneNumber ?? (kind === 'phone' ? value : null),
		};
	},

	normalize(body) {
		const contact = asRecord(body) ?? {};
		const joined = [text(contact.firstName), text(contact.lastName)].filter(Boolean).join(' ');
		return {
			provider: 'chatbotx',
			contactId: text(contact.id) ?? null,
			name: text(contact.fullName) ?? (joined || null),
			email: text(contact.email) ?? null,
			phoneNumber: text(contact.phoneNumber) ?? null,
		};
	},

	describeError(statusCode, body) {
		// oRPC error JSON: { defined, code, status, message, data? }.
		const record = asRecord(body);
		const code = text(record?.code);
		const issues = asRecord(record?.data)?.issues;
		const issueText = Array.isArray(issues)
			? issues
					.map((issue) => {
						const entry = asRecord(issue);
						const path = Array.isArray(entry?.path) ? entry.path.join('.') : undefined;
						const message = text(entry?.message);
						return message ? (path ? `${path}: ${message}` : message) : undefined;
					})
					.filter(Boolean)
					.join('; ')
			: undefined;
		const message = text(record?.message) ?? describeRawBody(body) ?? `HTTP ${statusCode}`;
		let hint = code ? CODE_HINTS[code] : undefined;
		if (!hint && /inbox not found/i.test(message)) {
			hint =
				'ChatbotX attaches new contacts to the workspace webchat inbox: create one, then retry.';
		}
		const details = [issueText, code ? `Code: ${code}.` : undefined, hint]
			.filter(Boolean)
			.join(' ');
		return {
			message: issueText ? `${message}: ${issueText}` : message,
			details: details || undefined,
		};
	},

	retryAfterFromBody: (body) => chatbotxRetryAfter(text(asRecord(body)?.message)),

	idempotency: {
		header: (key) => ({ 'Idempotency-Key': key }),
		// A 409 for a request whose key a first attempt still holds: that attempt is being saved.
		stillProcessing: (statusCode) => statusCode === 409,
	},

	followUps: (input, contactId, connection) =>
		chatbotxFollowUps(input.contactData, contactId, connection),
};
