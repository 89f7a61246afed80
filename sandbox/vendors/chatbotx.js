'use strict';

// ChatbotX: POST /v1/contacts/{identifier}/upsert plus GET /v1/contacts/count
// and GET /v1/workspaces (credential tests); the contact's tags and custom
// fields (POST …/tags, PATCH and PUT …/custom-fields) and their lists
// (GET /v1/tags, GET /v1/custom-fields, paged). Mirrors the vendor's open-source
// oRPC server: errors are `{ defined, code, status, message, data? }`, body
// validation failures are zod issues, lookups are exact string matches, and
// non-GET routes honour `Idempotency-Key`. Over 300 lines because one vendor's
// routes share its seed, store and validation; each vendor is one file.

const { json, isPlainObject, bearerToken } = require('../lib/http');
const { numericIdSequence } = require('../lib/ids');
const { IdempotencyStore, requestFingerprint } = require('../lib/idempotency');

const GENDERS = ['male', 'female', 'unknown'];
// zod's e-mail pattern (the vendor validates with zod).
const EMAIL_RE = /^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$/i;
// Deliberately unanchored, as in the vendor's schema: the 10-20 length check is the real guard.
const PHONE_RE = /\+?\d{10,20}/;
const INVALID_IDENTIFIER = 'Invalid identifier format. Use id:, email:, or phone: prefix';
// The vendor's public lists: page >= 1, perPage 1..100 (default 50).
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 100;
const CUSTOM_FIELD_ROUTES = ['patch', 'put'];

const DEFAULT_SEED = {
	token: 'cbx_ws_sandbox',
	workspace: {
		id: '11590000000000001',
		name: 'Sandbox Workspace',
		timezone: 'UTC',
		language: 'en',
	},
	inbox: {
		id: '11590000000000101',
		name: 'Website chat',
		channel: 'webchat',
		sourceId: 'sandbox-webchat',
		status: 'active',
	},
	tags: [
		{ id: '11590000000000201', name: 'VIP', color: 'gold', emoji: '⭐' },
		{ id: '11590000000000202', name: 'Lead', color: 'blue', emoji: null },
		{ id: '11590000000000203', name: 'Newsletter', color: 'green', emoji: null },
	],
	customFields: [
		{ id: '11590000000000301', name: 'Plan', type: 'text', description: null, folderId: null },
		{ id: '11590000000000302', name: 'Score', type: 'number', description: null, folderId: null },
	],
};

const orpcError = (status, code, message, data) =>
	json(status, { defined: true, code, status, message, data });
const notFound = (message) => orpcError(404, 'notFound', message);

function createChatbotx(seedOverrides = {}) {
	const seed = { ...DEFAULT_SEED, ...seedOverrides };
	const contacts = new Map();
	const idempotency = new IdempotencyStore();
	let nextId = numericIdSequence();

	// Exact-match indexes on the looked-up fields, kept in step with every write, so a benchmark
	// with tens of thousands of contacts does not spend its CPU in the sandbox.
	const indexes = { email: new Map(), phoneNumber: new Map() };
	const findBy = (field, value) =>
		field === 'id' ? contacts.get(value) : indexes[field].get(value);
	const setField = (contact, key, value) => {
		const index = indexes[key];
		if (index && contact[key] !== value) {
			if (contact[key] != null && index.get(contact[key]) === contact) index.delete(contact[key]);
			if (value != null) index.set(value, contact);
		}
		contact[key] = value;
	};

	function upsert(ctx, [rawIdentifier]) {
		if (ctx.bodyInvalid)
			return json(400, {
				defined: false,
				code: 'BAD_REQUEST',
				status: 400,
				message: 'Malformed request body',
			});
		const { issues, fields } = validateBody(ctx.body === undefined ? {} : ctx.body);
		if (issues.length)
			return orpcError(422, 'invalidRequestData', 'Input validation failed', { issues });

		const identifier = parseIdentifier(rawIdentifier);
		if (!identifier) return notFound(INVALID_IDENTIFIER);
		let contact = findBy(identifier.field, identifier.value);
		if (!contact && identifier.type === 'id') return notFound('Contact not found');

		// Phone numbers are unique per workspace (a unique index in the vendor's database).
		const phone =
			fields.phoneNumber ??
			(contact ? contact.phoneNumber : identifier.type === 'phone' ? identifier.value : null);
		const owner = phone ? findBy('phoneNumber', phone) : undefined;
		if (owner && owner !== contact)
			return orpcError(422, 'phoneExists', 'Phone number already exists');

		const now = new Date().toISOString();
		if (!contact) {
			contact = newContact(nextId(), now, seed);
			setField(contact, identifier.field, identifier.value);
			contacts.set(contact.id, contact);
		}
		for (const [key, value] of Object.entries(fields))
			setField(contact, key, key === 'email' && value === '' ? null : value);
		contact.fullName = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null;
		contact.updatedAt = now;
		return json(200, structuredClone(contact));
	}

	// Wraps a mutating route: same key + same request replays the stored answer without running it again.
	function idempotent(handler) {
		return (ctx, params) => {
			const key = ctx.headers['idempotency-key'];
			if (key === undefined) return handler(ctx, params);
			if (key.length < 1 || key.length > 255) {
				return orpcError(
					422,
					'idempotencyKeyInvalid',
					'Idempotency-Key must be between 1 and 255 characters',
				);
			}
			const fingerprint = requestFingerprint(ctx.method, ctx.vendorPath, ctx.body);
			const found = idempotency.lookup(ctx.principal, key, fingerprint);
			if (found.kind === 'mismatch') {
				return orpcError(
					422,
					'idempotencyKeyReused',
					'Idempotency-Key was already used with a different request',
				);
			}
			if (found.kind === 'replay') {
				ctx.note.replayed = true;
				return found.response;
			}
			const response = handler(ctx, params);
			// Only successes are stored: a retry after an error must run again.
			if (response.status < 300) idempotency.save(ctx.principal, key, fingerprint, response);
			return response;
		};
	}

	/** `GET /v1/tags` and `GET /v1/custom-fields`: `{ data }`, one page at a time. */
	const list = (items) => (ctx) => {
		const page = positiveInteger(ctx.query.get('page'), 1);
		const perPage = positiveInteger(ctx.query.get('perPage'), DEFAULT_PER_PAGE);
		if (page === null || perPage === null || perPage > MAX_PER_PAGE) {
			return orpcError(422, 'invalidRequestData', 'Input validation failed', {
				issues: [{ code: 'invalid_type', message: 'Invalid page or perPage', path: ['query'] }],
			});
		}
		return json(200, {
			data: structuredClone(items().slice((page - 1) * perPage, page * perPage)),
		});
	};

	const contactFor = (rawIdentifier) => {
		const identifier = parseIdentifier(rawIdentifier);
		return identifier && findBy(identifier.field, identifier.value);
	};

	/** Attaches tags; tags already on the contact are left as they are. 204. */
	function addTags(ctx, [rawIdentifier]) {
		const tagIds = isPlainObject(ctx.body) ? ctx.body.tagIds : undefined;
		const valid =
			Array.isArray(tagIds) &&
			tagIds.length >= 1 &&
			tagIds.length <= 100 &&
			tagIds.every((id) => typeof id === 'string' && /^\d+$/.test(id));
		if (!valid) return invalidList(['tagIds'], 'Tag ids (numeric strings) to attach, up to 100');
		const contact = contactFor(rawIdentifier);
		if (!contact) return notFound('Contact not found');
		// Unknown tag ids: not documented; refused here (assumed).
		const tags = tagIds.map((id) => seed.tags.find((tag) => tag.id === id));
		if (tags.includes(undefined)) return notFound('Tag not found');
		for (const tag of tags) {
			if (!contact.tags.some((held) => held.id === tag.id)) contact.tags.push({ ...tag });
		}
		return json(204);
	}

	/** Sets custom fields: PATCH `{operations:[{customFieldId, operation:'set', value}]}` or PUT `{fields}`. 204. */
	function setCustomFields(form) {
		return (ctx, [rawIdentifier]) => {
			if (!ctx.config.customFieldRoutes.includes(form)) return routeNotFound();
			const key = form === 'patch' ? 'operations' : 'fields';
			const rows = isPlainObject(ctx.body) ? ctx.body[key] : undefined;
			const valid =
				Array.isArray(rows) &&
				rows.length >= 1 &&
				rows.length <= 20 &&
				rows.every(
					(row) =>
						isPlainObject(row) &&
						typeof row.customFieldId === 'string' &&
						typeof row.value === 'string' &&
						(form === 'put' || row.operation === 'set'),
				);
			if (!valid) return invalidList([key], 'Between 1 and 20 custom field values');
			const contact = contactFor(rawIdentifier);
			if (!contact) return notFound('Contact not found');
			if (rows.some((row) => !seed.customFields.some((field) => field.id === row.customFieldId)))
				return notFound('Custom field not found');
			for (const { customFieldId, value } of rows) {
				const held = contact.contactCustomFields.find((f) => f.customFieldId === customFieldId);
				if (held) held.value = value.trim();
				else contact.contactCustomFields.push({ customFieldId, value: value.trim() });
			}
			return json(204);
		};
	}

	return {
		seed,
		credentialValues: { accessToken: seed.token },
		routes: [
			{ method: 'POST', pattern: /^\/v1\/contacts\/([^/]+)\/upsert$/, handle: idempotent(upsert) },
			{
				method: 'GET',
				pattern: /^\/v1\/contacts\/count$/,
				handle: () => json(200, { count: contacts.size }),
			},
			{ method: 'GET', pattern: /^\/v1\/workspaces$/, handle: () => json(200, workspace(seed)) },
			{ method: 'GET', pattern: /^\/v1\/tags$/, handle: list(() => seed.tags) },
			{ method: 'GET', pattern: /^\/v1\/custom-fields$/, handle: list(() => seed.customFields) },
			{ method: 'POST', pattern: /^\/v1\/contacts\/([^/]+)\/tags$/, handle: idempotent(addTags) },
			{
				method: 'PATCH',
				pattern: /^\/v1\/contacts\/([^/]+)\/custom-fields$/,
				handle: idempotent(setCustomFields('patch')),
			},
			{
				method: 'PUT',
				pattern: /^\/v1\/contacts\/([^/]+)\/custom-fields$/,
				handle: idempotent(setCustomFields('put')),
			},
		],
		authenticate(ctx) {
			const token = bearerToken(ctx.headers);
			if (token !== seed.token) {
				return {
					response: orpcError(
						401,
						'INVALID_CHATBOT_TOKEN',
						'Invalid or missing workspace API token',
					),
				};
			}
			return { principal: token };
		},
		notFound: routeNotFound,
		// The vendor puts the wait in the message and sends no Retry-After header.
		tooManyRequests: (seconds) =>
			orpcError(429, 'tooManyRequests', `Too many requests. Retry after ${seconds}s.`),
		contacts: () => [...contacts.values()].map((c) => structuredClone(c)),
		reset() {
			contacts.clear();
			indexes.email.clear();
			indexes.phoneNumber.clear();
			idempotency.clear();
			nextId = numericIdSequence();
		},
	};
}

/** oRPC's answer for a route the server does not have. */
const routeNotFound = () =>
	json(404, { defined: false, code: 'NOT_FOUND', status: 404, message: 'Not found' });

function invalidList(path, message) {
	return orpcError(422, 'invalidRequestData', 'Input validation failed', {
		issues: [{ code: 'custom', message, path }],
	});
}

/** A query number >= 1, the fallback when absent, null when not a whole number. */
function positiveInteger(raw, fallback) {
	if (raw === null) return fallback;
	return /^[1-9]\d*$/.test(raw) ? Number(raw) : null;
}

/** `id:<digits>` / `email:<addr>` / `phone:<number>`, already URL-decoded; null when the format is wrong. */
function parseIdentifier(raw) {
	let text;
	try {
		text = decodeURIComponent(raw);
	} catch {
		return null;
	}
	const colon = text.indexOf(':');
	if (colon === -1) return null;
	const type = text.slice(0, colon);
	const value = text.slice(colon + 1);
	const field = { id: 'id', email: 'email', phone: 'phoneNumber' }[type];
	if (!field || value === '') return null;
	// A non-numeric id cannot exist, so it simply is not found.
	return { type, field, value };
}

/** zod-style validation of the optional body fields. Returns the issues and the cleaned values. */
function validateBody(body) {
	if (!isPlainObject(body)) return { issues: [typeIssue([], 'object', body)], fields: {} };
	const issues = [];
	const fields = {};
	const string = (key, check) => {
		if (body[key] === undefined) return;
		if (typeof body[key] !== 'string') return issues.push(typeIssue([key], 'string', body[key]));
		const value = key === 'firstName' || key === 'lastName' ? body[key].trim() : body[key];
		const issue = check && check(value);
		if (issue) issues.push({ ...issue, path: [key] });
		else fields[key] = value;
	};
	string('firstName', maxLength(100));
	string('lastName', maxLength(100));
	string('email', (v) =>
		v === ''
			? null
			: maxLength(100)(v) ||
				(EMAIL_RE.test(v)
					? null
					: { code: 'invalid_string', validation: 'email', message: 'Invalid email' }),
	);
	string('phoneNumber', (v) =>
		v.length < 10
			? {
					code: 'too_small',
					minimum: 10,
					type: 'string',
					inclusive: true,
					message: 'String must contain at least 10 character(s)',
				}
			: maxLength(20)(v) ||
				(PHONE_RE.test(v)
					? null
					: { code: 'invalid_string', validation: 'regex', message: 'Invalid' }),
	);
	string('avatar');
	if (body.gender !== undefined) {
		if (GENDERS.includes(body.gender)) fields.gender = body.gender;
		else {
			issues.push({
				code: 'invalid_enum_value',
				options: GENDERS,
				message: `Invalid enum value. Expected ${GENDERS.map((g) => `'${g}'`).join(' | ')}, received '${body.gender}'`,
				path: ['gender'],
			});
		}
	}
	return { issues, fields };
}

const maxLength = (max) => (value) =>
	value.length > max
		? {
				code: 'too_big',
				maximum: max,
				type: 'string',
				inclusive: true,
				message: `String must contain at most ${max} character(s)`,
			}
		: null;

function typeIssue(path, expected, value) {
	const received = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
	return {
		code: 'invalid_type',
		expected,
		received,
		path,
		message: `Expected ${expected}, received ${received}`,
	};
}

function newContact(id, now, seed) {
	const inbox = { ...seed.inbox, createdAt: now, updatedAt: now, workspaceId: seed.workspace.id };
	return {
		id,
		createdAt: now,
		updatedAt: now,
		avatar: null,
		phoneNumber: null,
		email: null,
		emailVerified: false,
		emailOptIn: false,
		firstName: null,
		lastName: null,
		fullName: null,
		gender: null,
		lastReadAt: null,
		ref: null,
		country: null,
		state: null,
		city: null,
		location: null,
		locale: null,
		timezone: null,
		subscribedAt: now,
		broadcastSubscribedAt: null,
		blockedAt: null,
		workspaceId: seed.workspace.id,
		contactCustomFields: [],
		tags: [],
		contactNotes: [],
		// New contacts are attached to the workspace's webchat inbox, as on the real service.
		contactInboxes: [
			{ id: `${id}01`, contactId: id, inboxId: inbox.id, channel: inbox.channel, inbox },
		],
		conversation: {
			id: `${id}02`,
			createdAt: now,
			updatedAt: now,
			botEnabled: true,
			archivedAt: null,
			followed: false,
			workspaceId: seed.workspace.id,
			contactId: id,
			assignedUserId: null,
			assignedInboxTeamId: null,
			inbox,
		},
	};
}

function workspace(seed) {
	return {
		...seed.workspace,
		createdAt: '2025-01-01T00:00:00.000Z',
		updatedAt: '2025-01-01T00:00:00.000Z',
	};
}

/**
 * What the rest of the repository knows about this vendor (listed in ./index.js): its provider id
 * and n8n credential type in the node, and the id of the "ChatbotX (sandbox)" credential the example
 * workflows refer to. The credential's values come from the sandbox's `credentials()`: the Base
 * URL from its address and `prefix`, the rest from `credentialValues`.
 */
const VENDOR = {
	id: 'chatbotx',
	// Base URL ends in /api, as the vendor's does (the credential's default).
	prefix: '/chatbotx/api',
	displayName: 'ChatbotX',
	credentialType: 'chatbotxApi',
	sandboxCredentialId: 'sandboxChatbotx1',
	create: createChatbotx,
};

module.exports = { createChatbotx, DEFAULT_SEED, VENDOR, CUSTOM_FIELD_ROUTES };
