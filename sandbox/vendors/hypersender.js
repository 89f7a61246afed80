'use strict';

// Hypersender (v2 WhatsApp API): POST /api/whatsapp/v2/{instance}/contacts/upsert,
// GET …/contacts/get-all and …/contacts/get, and GET …/queued-requests/{uuid}
// for the queued mode (finishing after a time or a number of reads, or failing).
// A Laravel app: 401 `{message:"Unauthenticated."}`,
// 422 `{message, errors:{field:[…]}}` with Laravel's own wording.

const { json, isPlainObject, bearerToken } = require('../lib/http');
const { uuid } = require('../lib/ids');

// A phone number in international digits, the same followed by @c.us, or a WhatsApp linked id.
const CHAT_ID_RE = /^(\d{8,15})(@c\.us)?$/;
const LID_RE = /^\d{1,25}@lid$/;
const QUEUED_LIMIT = 10_000;
const BASE = '/api/whatsapp/v2/([^/]+)';

const DEFAULT_SEED = {
	token: '1|sandbox-hypersender-token',
	instanceId: '9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15',
};

const message = (status, text) => json(status, { message: text });

function createHypersender(seedOverrides = {}) {
	const seed = { ...DEFAULT_SEED, ...seedOverrides };
	const contacts = new Map();
	const queued = new Map();
	const unfinishedReads = new Map();

	function upsert(ctx) {
		const { errors, data } = validateUpsert(ctx.bodyInvalid ? {} : ctx.body);
		if (errors) return validationError(errors);
		const apply = () => {
			const key = contactKey(data.chat_id);
			const now = new Date().toISOString();
			const existing = contacts.get(key);
			const contact = existing || {
				id: key,
				chat_id: data.chat_id,
				created_at: now,
				upsert_count: 0,
			};
			contact.first_name = data.first_name;
			if (data.last_name !== undefined) contact.last_name = data.last_name;
			contact.name = [contact.first_name, contact.last_name].filter(Boolean).join(' ');
			contact.updated_at = now;
			contact.upsert_count++;
			contacts.set(key, contact);
			return { message: 'Contact upserted successfully.', data: { success: true } };
		};
		if (!ctx.config.queued) return json(200, apply());
		return enqueue(ctx, apply);
	}

	// Queued mode: answer 202 at once and publish the real result under the queued-request uuid.
	function enqueue(ctx, apply) {
		const id = uuid();
		const record = {
			uuid: id,
			request: { method: ctx.method, url: `${ctx.baseUrl}${ctx.rawPath}`, body: ctx.body ?? null },
			response_status: null,
			response_body: null,
			response_header: null,
		};
		if (queued.size >= QUEUED_LIMIT) queued.delete(queued.keys().next().value);
		queued.set(id, record);
		const { processingMs, polls, fail } = ctx.config.queued;
		const finish = () => {
			if (record.response_status !== null) return;
			record.response_body = fail ? { message: fail.message } : apply();
			record.response_status = fail ? fail.status : 200;
			record.response_header = { 'content-type': ['application/json'] };
		};
		// Finished after `polls` reads, or `processingMs` after queuing.
		if (polls !== null) unfinishedReads.set(id, { reads: polls, finish });
		else if (processingMs > 0) ctx.schedule(finish, processingMs);
		else finish();
		ctx.note.queuedRequestUuid = id;
		return json(202, {
			queued: true,
			message: 'Processing your request...',
			queued_request_uuid: id,
			queued_request_link: `${ctx.baseUrl}/hypersender/api/whatsapp/v2/${seed.instanceId}/queued-requests/${id}`,
		});
	}

	function getAll(ctx) {
		const errors = {};
		const limit = integerParam(ctx.query, 'limit', 1, 1000, 100, errors);
		const offset = integerParam(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER, 0, errors);
		if (Object.keys(errors).length) return validationError(errors);
		const data = [...contacts.values()].slice(offset, offset + limit).map(publicContact);
		return json(200, { message: 'Contacts retrieved successfully.', data });
	}

	function getOne(ctx) {
		const chatId = ctx.query.get('chat_id');
		if (!chatId) return validationError({ chat_id: ['The chat id field is required.'] });
		const contact = isChatId(chatId) ? contacts.get(contactKey(chatId)) : undefined;
		if (!contact) return message(404, 'Contact not found.');
		return json(200, { message: 'Contact retrieved successfully.', data: publicContact(contact) });
	}

	function queuedRequest(ctx, [, id]) {
		const record = queued.get(id);
		if (!record) return message(404, 'Queued request not found.');
		const pending = unfinishedReads.get(id);
		if (pending && pending.reads-- <= 0) {
			unfinishedReads.delete(id);
			pending.finish();
		}
		return json(200, structuredClone(record));
	}

	// Every route lives under /{instance}/: an unknown instance is a 404 whatever the route.
	const forInstance = (handler) => (ctx, params) =>
		params[0] === seed.instanceId ? handler(ctx, params) : message(404, 'Instance not found');

	return {
		seed,
		credentialValues: { apiToken: seed.token, instanceId: seed.instanceId },
		routes: [
			{
				method: 'POST',
				pattern: new RegExp(`^${BASE}/contacts/upsert$`),
				handle: forInstance(upsert),
			},
			{
				method: 'GET',
				pattern: new RegExp(`^${BASE}/contacts/get-all$`),
				handle: forInstance(getAll),
			},
			{ method: 'GET', pattern: new RegExp(`^${BASE}/contacts/get$`), handle: forInstance(getOne) },
			{
				method: 'GET',
				pattern: new RegExp(`^${BASE}/queued-requests/([^/]+)$`),
				handle: forInstance(queuedRequest),
			},
		],
		authenticate(ctx) {
			const token = bearerToken(ctx.headers);
			if (token !== seed.token) return { response: message(401, 'Unauthenticated.') };
			return { principal: token };
		},
		notFound: (ctx) =>
			message(404, `The route ${ctx.vendorPath.replace(/^\//, '')} could not be found.`),
		// Laravel's throttle middleware.
		tooManyRequests: (seconds) =>
			json(429, { message: 'Too Many Attempts.' }, { 'retry-after': String(seconds) }),
		contacts: () => [...contacts.values()].map((c) => structuredClone(c)),
		reset() {
			contacts.clear();
			queued.clear();
			unfinishedReads.clear();
		},
	};
}

const isChatId = (value) => CHAT_ID_RE.test(value) || LID_RE.test(value);

/** Bare digits and digits@c.us name the same WhatsApp user; @lid ids are kept as given. */
function contactKey(chatId) {
	const match = CHAT_ID_RE.exec(chatId);
	return match ? `${match[1]}@c.us` : chatId;
}

function publicContact(contact) {
	return { id: contact.id, name: contact.name, pushname: null };
}

/** Laravel's TrimStrings and ConvertEmptyStringsToNull run before the validation rules. */
function laravelInput(body) {
	const input = {};
	if (!isPlainObject(body)) return input;
	for (const [key, value] of Object.entries(body)) {
		const trimmed = typeof value === 'string' ? value.trim() : value;
		input[key] = trimmed === '' ? null : trimmed;
	}
	return input;
}

function validateUpsert(body) {
	const input = laravelInput(body);
	const errors = {};
	const check = (field, label, { required, rule }) => {
		const value = input[field];
		if (value === undefined || value === null) {
			if (required) errors[field] = [`The ${label} field is required.`];
			return;
		}
		if (typeof value !== 'string') errors[field] = [`The ${label} field must be a string.`];
		else if (value.length > 255)
			errors[field] = [`The ${label} field must not be greater than 255 characters.`];
		else if (rule && !rule(value)) errors[field] = [`The ${label} field format is invalid.`];
	};
	check('chat_id', 'chat id', { required: true, rule: isChatId });
	check('first_name', 'first name', { required: true });
	check('last_name', 'last name', { required: false });
	if (Object.keys(errors).length) return { errors };
	return {
		data: {
			chat_id: input.chat_id,
			first_name: input.first_name,
			last_name: input.last_name ?? undefined,
		},
	};
}

function integerParam(query, name, min, max, fallback, errors) {
	if (!query.has(name)) return fallback;
	const raw = query.get(name);
	if (!/^-?\d+$/.test(raw)) errors[name] = [`The ${name} field must be an integer.`];
	else if (Number(raw) < min) errors[name] = [`The ${name} field must be at least ${min}.`];
	else if (Number(raw) > max) errors[name] = [`The ${name} field must not be greater than ${max}.`];
	return Number(raw);
}

/** Laravel's 422 body: the first message, plus "(and N more errors)" when there are several. */
function validationError(errors) {
	const messages = Object.values(errors).flat();
	const more = messages.length - 1;
	const suffix = more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : '';
	return json(422, { message: messages[0] + suffix, errors });
}

/**
 * What the rest of the repository knows about this vendor (listed in ./index.js): its provider id
 * and n8n credential type in the node, and the id of the "Hypersender (sandbox)" credential the example
 * workflows refer to. The credential's values come from the sandbox's `credentials()`: the Base
 * URL from its address and `prefix`, the rest from `credentialValues`.
 */
const VENDOR = {
	id: 'hypersender',
	displayName: 'Hypersender',
	credentialType: 'hypersenderApi',
	sandboxCredentialId: 'sandboxHypersnd1',
	create: createHypersender,
};

module.exports = { createHypersender, DEFAULT_SEED, VENDOR };
