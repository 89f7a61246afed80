import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailField, personNameField } from '../engine/descriptions';
import {
	collection,
	isEmail,
	optionalEmail,
	optionalText,
	quote,
	schemaPerSettings,
} from '../engine/fields';
import { asciiDigits, cleanIdentity, numberAsText } from '../engine/identity';
import { formatPhone, isPhoneLike } from '../engine/phone';
import { encodeSegment, joinUrl } from '../engine/url';
import { asRecord, describeRawBody, text } from '../engine/vendorMessage';
import {
	chatbotxContactDataProperties,
	chatbotxCustomFieldsSchema,
	chatbotxFollowUps,
	chatbotxTagsSchema,
	type ChatbotxContactData,
} from './chatbotxContactData';
import { chatbotxMethods } from './chatbotxLists';
import type { ParseSettings, ProviderDefinition } from '../engine/provider';

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

type IdentifierResult = { ok: true; value: string } | { ok: false; reason: string };

const PREFIXED = /^(email|phone|id)\s*:\s*(.*)$/i;

/**
 * Turns what a user typed into the prefixed identifier ChatbotX requires. Bare values are
 * detected the way ChatbotX's own n8n node does (`@` → email, long digit strings → id, other
 * numbers → phone). Phone numbers are normalized to E.164, e-mails lower-cased, invisible
 * characters removed and IDs written in ASCII digits, because ChatbotX matches identifiers as
 * exact strings: the same person typed or pasted two ways must not become two contacts.
 */
export function toChatbotxIdentifier(raw: string, defaultCountry?: string): IdentifierResult {
	const value = cleanIdentity(raw);
	const prefixed = PREFIXED.exec(value);
	let kind: 'email' | 'phone' | 'id';
	let rest: string;
	if (prefixed) {
		kind = prefixed[1].toLowerCase() as typeof kind;
		rest = prefixed[2].trim();
	} else if (value.includes('@')) {
		kind = 'email';
		rest = value;
	} else if (/^\d{16,}$/.test(asciiDigits(value))) {
		kind = 'id';
		rest = value;
	} else if (isPhoneLike(value)) {
		kind = 'phone';
		rest = value;
	} else {
		return {
			ok: false,
			reason: `${quote(raw.trim())} is not an e-mail, phone number or contact ID. Write it as email:…, phone:… or id:….`,
		};
	}
	// Error messages echo the value after its prefix, or the whole value as written when it held
	// invisible characters, so the user sees them.
	const shown = quote(raw.trim() === value ? rest : raw.trim());
	if (rest === '') return { ok: false, reason: `has the ${kind}: prefix but no value after it.` };
	if (kind === 'email') {
		return isEmail(rest)
			? { ok: true, value: `email:${rest.toLowerCase()}` }
			: { ok: false, reason: `${shown} is not an e-mail address.` };
	}
	if (kind === 'id') {
		const id = asciiDigits(rest);
		return /^\d+$/.test(id)
			? { ok: true, value: `id:${id}` }
			: { ok: false, reason: `${shown} is not a ChatbotX contact ID (digits only).` };
	}
	const phone = formatPhone(rest, 'e164', defaultCountry);
	return phone.ok
		? { ok: true, value: `phone:${phone.value}` }
		: { ok: false, reason: `${shown} ${phone.reason}.` };
}

/** An identifying value from an expression: text as given, a number only if held exactly. */
function identityText(
	value: unknown,
	ctx: z.RefinementCtx,
): { text: string | undefined; failed: boolean } {
	if (typeof value !== 'number') {
		return { text: typeof value === 'string' ? value : undefined, failed: false };
	}
	const result = numberAsText(value, { wholeOnly: true });
	if (!result.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.reason });
	return result.ok ? { text: result.value, failed: false } : { text: undefined, failed: true };
}

const properties: INodeProperties[] = [
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'email:jane@example.com',
		description:
			'How ChatbotX finds the contact: email:…, phone:… or ID:…, or a bare e-mail, phone number or ID (the prefix is added), e.g. email:jane@example.com or +56 9 6123 4567',
	},
	{
		displayName:
			'ChatbotX creates a contact only for email: and phone: identifiers, and only if the workspace has a webchat inbox. An ID: identifier must belong to an existing contact.',
		name: 'chatbotxNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Avatar URL',
				name: 'avatar',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/photos/jane.png',
				description:
					'Image URL for the contact, e.g. https://example.com/photos/jane.png; ChatbotX downloads and stores it',
			},
			emailField('jane@example.com', ' (at most 100 characters)'),
			personNameField('firstName', 'Jane', ' (at most 100 characters)'),
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				options: [
					{ name: 'Female', value: 'female' },
					{ name: 'Male', value: 'male' },
					{ name: 'Unknown', value: 'unknown' },
				],
				default: 'unknown',
				description: "The contact's gender: female, male or unknown",
			},
			personNameField('lastName', 'Doe', ' (at most 100 characters)'),
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+56 9 1234 5678',
				description:
					"The contact's phone number in any common format, e.g. +56 9 6123 4567; sent as E.164 (10 to 20 digits). Numbers without a country code use Options → Default Country.",
			},
		],
	},
	...chatbotxContactDataProperties,
];

function buildSchema({ defaultCountry }: ParseSettings) {
	return z
		.object({
			identifier: z.unknown().transform((value, ctx): string => {
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
				email: optionalEmail({ max: NAME_MAX }),
				phoneNumber: z.unknown().transform((value, ctx): string | undefined => {
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
				gender: z.unknown().transform((value, ctx): ChatbotxInput['gender'] => {
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
		})
		.transform(
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
