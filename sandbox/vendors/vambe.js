'use strict';

// Vambe: POST /api/public/customer/upsert/info plus the list endpoints used
// for the credential test and the stage/agent/tag dropdowns, and
// PATCH /api/public/contact/tags/{aiContactId}, which replaces a contact's tags. Vambe runs NestJS,
// so errors use Nest's `{ statusCode, message, error }` body, where `message`
// is an array of strings for DTO validation failures (class-validator). Over 300
// lines because one vendor's routes share its seed, store and validation.

const { json, isPlainObject } = require('../lib/http');
const { uuid } = require('../lib/ids');

const PHONE_CHANNELS = ['whatsapp', 'web-whatsapp'];
const CHANNELS = [...PHONE_CHANNELS, 'webchat'];
// Vambe's documented UUID pattern: versions 1-8, plus the nil and max UUIDs.
const UUID_RE =
	/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const HTTP_ERRORS = {
	400: 'Bad Request',
	401: 'Unauthorized',
	404: 'Not Found',
	429: 'Too Many Requests',
};

const DEFAULT_SEED = {
	apiKey: 'sandbox-vambe-key',
	clientId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
	channelPhoneNumbers: ['+56911112222'],
	webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
	customFieldKeys: ['rut', 'company_name'],
	tags: [
		{ id: 11, value: 'Cliente VIP', variant: 'gold', entity_type: 'CONTACT' },
		{ id: 12, value: 'Zona sur', variant: 'blue', entity_type: 'CONTACT' },
		{ id: 13, value: 'Urgente', variant: 'red', entity_type: 'TICKET' },
	],
	pipelines: [
		{
			id: '3f6c2b1e-8d4a-4f7b-9c2e-1a5d7e9b0c41',
			name: 'Ventas',
			description: 'Sales pipeline',
			stages: [
				{
					id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
					name: 'Nuevo lead',
					description: 'First contact',
				},
				{
					id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
					name: 'Calificado',
					description: 'Qualified lead',
				},
				{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f', name: 'Cliente', description: 'Won' },
			],
		},
	],
	teamMembers: [
		{
			id: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80',
			name: 'Ana Pérez',
			first_name: 'Ana',
			last_name: 'Pérez',
			email: 'ana@sandbox.vambe.test',
			phone: '+56922223333',
		},
		{
			id: 'e5f6a7b8-c9da-4ebf-8012-4c5d6e7f8091',
			name: 'Bruno Soto',
			first_name: 'Bruno',
			last_name: 'Soto',
			email: 'bruno@sandbox.vambe.test',
			phone: '+56933334444',
		},
	],
};

const nestError = (status, message) =>
	json(status, { statusCode: status, message, error: HTTP_ERRORS[status] });
const digitsOf = (value) => String(value).replace(/\D/g, '');
// "Phone Format: Automatically cleaned (spaces, dashes, etc. are removed)".
const cleanPhone = (value) => (String(value).trim().startsWith('+') ? '+' : '') + digitsOf(value);

function createVambe(seedOverrides = {}) {
	const seed = { ...DEFAULT_SEED, ...seedOverrides };
	const contacts = new Map();

	function upsert(ctx) {
		if (ctx.bodyInvalid) return nestError(400, ctx.bodyError);
		const body = isPlainObject(ctx.body) ? ctx.body : {};
		const problems = validate(body);
		if (problems.length) return nestError(400, problems);
		const refused = checkReferences(body, seed);
		if (refused) return refused;

		const key = contactKey(body);
		const now = new Date().toISOString();
		let contact = contacts.get(key);
		if (!contact) {
			contact = {
				id: uuid(),
				name: null,
				phone: PHONE_CHANNELS.includes(body.channel) ? cleanPhone(body.contact_phone_number) : null,
				email: null,
				platform: body.channel,
				client_id: seed.clientId,
				ai_customer_id: uuid(),
				created_at: now,
				default_stage_id: null,
				// Not part of the API response; kept so tests can see what was applied.
				channel_phone_number: body.channel_phone_number ?? null,
				channel_id: body.channel_id ?? null,
				external_user_id: body.external_user_id ?? null,
				agent_id: null,
				meta_data: {},
				custom_fields: {},
				tag_ids: [],
				updated_at: now,
				upsert_count: 0,
			};
			contacts.set(key, contact);
		}
		applyUpdates(contact, body, now);
		return json(201, publicContact(contact));
	}

	/** Replaces every tag of the contact with `tagsIds` (Vambe: "completely replaces"). */
	function replaceTags(ctx, [contactId]) {
		const tagsIds = isPlainObject(ctx.body) ? ctx.body.tagsIds : undefined;
		if (!Array.isArray(tagsIds)) return nestError(400, ['tagsIds must be an array']);
		if (!tagsIds.every((id) => Number.isInteger(id)))
			return nestError(400, ['each value in tagsIds must be an integer number']);
		const contact = [...contacts.values()].find((c) => c.id === decodeURIComponent(contactId));
		if (!contact) return nestError(404, 'Contact not found');
		const known = seed.tags.filter((tag) => tag.entity_type === 'CONTACT').map((tag) => tag.id);
		if (tagsIds.some((id) => !known.includes(id)))
			return nestError(400, "Invalid tag IDs or tags don't exist");
		contact.tag_ids = [...new Set(tagsIds)];
		return json(200, { status: 'success', aiContactTagsLength: contact.tag_ids.length });
	}

	return {
		seed,
		credentialValues: { apiKey: seed.apiKey },
		routes: [
			{ method: 'POST', pattern: /^\/api\/public\/customer\/upsert\/info$/, handle: upsert },
			{
				method: 'GET',
				pattern: /^\/api\/public\/team-members\/all$/,
				handle: () => json(200, seed.teamMembers),
			},
			{
				method: 'GET',
				pattern: /^\/api\/public\/pipeline$/,
				handle: () => json(200, seed.pipelines),
			},
			{
				method: 'GET',
				pattern: /^\/api\/public\/tags$/,
				handle: () =>
					json(
						200,
						seed.tags.map((tag) => ({
							...tag,
							created_at: '2025-01-01T00:00:00.000Z',
							client_id: seed.clientId,
						})),
					),
			},
			{ method: 'PATCH', pattern: /^\/api\/public\/contact\/tags\/([^/]+)$/, handle: replaceTags },
		],
		authenticate(ctx) {
			const key = ctx.headers['x-api-key'];
			if (key !== seed.apiKey) return { response: nestError(401, 'Invalid API key') };
			return { principal: key };
		},
		// Nest's default "route not found" body.
		notFound: (ctx) => nestError(404, `Cannot ${ctx.method} ${ctx.vendorPath}`),
		tooManyRequests: (seconds) =>
			json(
				429,
				{
					statusCode: 429,
					message: 'ThrottlerException: Too Many Requests',
					error: HTTP_ERRORS[429],
				},
				{ 'retry-after': String(seconds) },
			),
		contacts: () => [...contacts.values()].map((c) => structuredClone(c)),
		reset: () => contacts.clear(),
	};
}

/** class-validator style messages, in field order. */
function validate(body) {
	const problems = [];
	if (!CHANNELS.includes(body.channel)) {
		problems.push(`channel must be one of the following values: ${CHANNELS.join(', ')}`);
	}
	if (PHONE_CHANNELS.includes(body.channel)) {
		requiredString(body, 'channel_phone_number', problems);
		requiredString(body, 'contact_phone_number', problems);
		if (
			typeof body.contact_phone_number === 'string' &&
			body.contact_phone_number &&
			!digitsOf(body.contact_phone_number)
		) {
			problems.push('contact_phone_number must be a valid phone number');
		}
	} else if (body.channel === 'webchat') {
		requiredString(body, 'channel_id', problems);
		if (typeof body.channel_id === 'string' && body.channel_id && !UUID_RE.test(body.channel_id)) {
			problems.push('channel_id must be a UUID');
		}
		requiredString(body, 'external_user_id', problems);
	}
	// Optional fields (@IsOptional): null counts as absent.
	for (const field of ['contact_name', 'contact_email']) {
		if (body[field] != null && typeof body[field] !== 'string')
			problems.push(`${field} must be a string`);
	}
	for (const field of ['stageId', 'agentId']) {
		if (body[field] != null && !(typeof body[field] === 'string' && UUID_RE.test(body[field]))) {
			problems.push(`${field} must be a UUID`);
		}
	}
	if (body.meta_data != null && !isPlainObject(body.meta_data))
		problems.push('meta_data must be an object');
	validateCustomFieldValues(body.custom_field_values, problems);
	return problems;
}

function requiredString(body, field, problems) {
	const value = body[field];
	if (typeof value !== 'string') problems.push(`${field} must be a string`);
	if (value === undefined || value === null || value === '')
		problems.push(`${field} should not be empty`);
}

function validateCustomFieldValues(values, problems) {
	if (values == null) return;
	if (!Array.isArray(values)) {
		problems.push('custom_field_values must be an array');
		return;
	}
	values.forEach((entry, i) => {
		if (!isPlainObject(entry)) {
			problems.push(`custom_field_values.${i} must be an object`);
			return;
		}
		if (typeof entry.key !== 'string' || entry.key === '')
			problems.push(`custom_field_values.${i}.key must be a non-empty string`);
		if (typeof entry.value !== 'string')
			problems.push(`custom_field_values.${i}.value must be a string`);
	});
}

/** Business checks that need the account's data; run only once the body is well-formed. */
function checkReferences(body, seed) {
	if (PHONE_CHANNELS.includes(body.channel)) {
		const known = seed.channelPhoneNumbers.some(
			(n) => digitsOf(n) === digitsOf(body.channel_phone_number),
		);
		if (!known) return nestError(404, 'Channel phone number not found');
	} else if (body.channel_id.toLowerCase() !== seed.webchatChannelId.toLowerCase()) {
		return nestError(404, 'Webchat channel not found');
	}
	const stages = seed.pipelines.flatMap((p) => p.stages.map((s) => s.id));
	if (body.stageId && !stages.includes(body.stageId)) return nestError(404, 'Stage not found');
	if (body.agentId && !seed.teamMembers.some((m) => m.id === body.agentId))
		return nestError(404, 'Agent not found');
	const missing = (body.custom_field_values || [])
		.map((e) => e.key)
		.filter((k) => !seed.customFieldKeys.includes(k));
	if (missing.length) {
		return nestError(
			400,
			`Custom field definitions not found for keys: ${[...new Set(missing)].join(', ')}`,
		);
	}
	return null;
}

/** whatsapp/web-whatsapp: channel + channel number + contact digits; webchat: channel id + external user id. */
function contactKey(body) {
	if (body.channel === 'webchat')
		return `webchat|${body.channel_id.toLowerCase()}|${body.external_user_id}`;
	return `${body.channel}|${digitsOf(body.channel_phone_number)}|${digitsOf(body.contact_phone_number)}`;
}

function applyUpdates(contact, body, now) {
	if (body.contact_name != null) contact.name = body.contact_name;
	if (body.contact_email != null) contact.email = body.contact_email;
	if (body.stageId) contact.default_stage_id = body.stageId;
	if (body.agentId) contact.agent_id = body.agentId;
	if (body.meta_data) Object.assign(contact.meta_data, body.meta_data);
	for (const { key, value } of body.custom_field_values || []) contact.custom_fields[key] = value;
	contact.updated_at = now;
	contact.upsert_count++;
}

/** The contact fields Vambe's API shows (the rest is the sandbox's own bookkeeping). */
const PUBLIC_CONTACT_FIELDS = [
	'id',
	'name',
	'phone',
	'email',
	'platform',
	'client_id',
	'ai_customer_id',
	'created_at',
	'default_stage_id',
];

function publicContact(contact) {
	return Object.fromEntries(PUBLIC_CONTACT_FIELDS.map((field) => [field, contact[field]]));
}

/**
 * What the rest of the repository knows about this vendor (listed in ./index.js): its provider id
 * and n8n credential type in the node, and the id of the "Vambe (sandbox)" credential the example
 * workflows refer to. The credential's values come from the sandbox's `credentials()`: the Base
 * URL from its address and `prefix`, the rest from `credentialValues`.
 */
const VENDOR = {
	id: 'vambe',
	displayName: 'Vambe',
	credentialType: 'vambeApi',
	sandboxCredentialId: 'sandboxVambe0001',
	create: createVambe,
};

module.exports = { createVambe, DEFAULT_SEED, VENDOR };
