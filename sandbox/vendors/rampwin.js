'use strict';

// Rampwin: POST /api/contacts/insertOrUpdate?channel_id=… and the
// fetch-templates GET used as the credential test. An Express + MongoDB
// service: errors are `{ success: false, message }`, ids are ObjectIds.
// The documented `Cookie` header is a load-balancer stickiness cookie and is
// never required here; whether one was sent is recorded in the request log.

const { json, isPlainObject } = require('../lib/http');
const { objectId } = require('../lib/ids');

// "Contact phone number (with country code)": a + followed by 7-15 digits (E.164).
const PHONE_RE = /^\+\d{7,15}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Keys the server owns; a body cannot overwrite them.
const RESERVED = ['_id', 'channel_id', 'createdAt', 'updatedAt'];

const DEFAULT_SEED = {
	apiKey: 'sandbox-rampwin-key',
	channelId: '65f1c2a9b7e4d3c2a1f0e9d8',
	templates: [
		{
			_id: '65f1c2a9b7e4d3c2a1f0ea01',
			name: 'welcome_message',
			language: 'es',
			category: 'UTILITY',
			status: 'APPROVED',
		},
	],
};

const fail = (status, message) => json(status, { success: false, message });

function createRampwin(seedOverrides = {}) {
	const seed = { ...DEFAULT_SEED, ...seedOverrides };
	const contacts = new Map();

	function insertOrUpdate(ctx) {
		if (ctx.query.get('channel_id') !== seed.channelId) return fail(400, 'Invalid channel');
		const body = ctx.body;
		if (ctx.bodyInvalid || !isValidBody(body)) return fail(400, 'Validation error');

		const key = `${seed.channelId}|${body.phone_number}`;
		const now = new Date().toISOString();
		let contact = contacts.get(key);
		if (!contact) {
			contact = {
				_id: objectId(),
				phone_number: body.phone_number,
				channel_id: seed.channelId,
				createdAt: now,
			};
			contacts.set(key, contact);
		}
		// Provided fields overwrite, omitted ones stay; unknown keys become custom attributes.
		for (const [field, value] of Object.entries(body)) {
			if (!RESERVED.includes(field)) contact[field] = value;
		}
		contact.updatedAt = now;
		return json(200, {
			success: true,
			message: 'Contact inserted or updated successfully',
			data: structuredClone(contact),
		});
	}

	function officialTemplates(ctx) {
		if (ctx.query.get('channel_id') !== seed.channelId) return fail(400, 'Invalid channel');
		const page = Math.max(1, Number.parseInt(ctx.query.get('page'), 10) || 1);
		const pageSize = Math.max(1, Number.parseInt(ctx.query.get('page_size'), 10) || 10);
		const templates = seed.templates.slice((page - 1) * pageSize, page * pageSize);
		return json(200, {
			success: true,
			message: 'Templates fetched successfully',
			data: templates,
			pagination: {
				page,
				page_size: pageSize,
				total: seed.templates.length,
				total_pages: Math.ceil(seed.templates.length / pageSize),
			},
		});
	}

	return {
		seed,
		credentialValues: { apiKey: seed.apiKey, channelId: seed.channelId },
		routes: [
			{ method: 'POST', pattern: /^\/api\/contacts\/insertOrUpdate$/, handle: insertOrUpdate },
			{
				method: 'GET',
				pattern: /^\/api\/message-templates\/official-templates$/,
				handle: officialTemplates,
			},
		],
		authenticate(ctx) {
			ctx.note.cookieSent = ctx.headers.cookie !== undefined;
			const key = ctx.headers['x-api-key'];
			if (key !== seed.apiKey) return { response: fail(401, 'Unauthorized') };
			return { principal: key };
		},
		// Express's default 404 page.
		notFound: (ctx) => ({
			status: 404,
			text: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${ctx.method} ${ctx.vendorPath}</pre>\n</body>\n</html>\n`,
			headers: { 'content-type': 'text/html; charset=utf-8' },
		}),
		tooManyRequests: (seconds) =>
			json(
				429,
				{ success: false, message: 'Too many requests, please try again later.' },
				{ 'retry-after': String(seconds) },
			),
		contacts: () => [...contacts.values()].map((c) => structuredClone(c)),
		reset: () => contacts.clear(),
	};
}

function isValidBody(body) {
	if (!isPlainObject(body)) return false;
	if (typeof body.phone_number !== 'string' || !PHONE_RE.test(body.phone_number)) return false;
	for (const field of ['first_name', 'last_name']) {
		if (body[field] !== undefined && typeof body[field] !== 'string') return false;
	}
	if (
		body.email !== undefined &&
		!(typeof body.email === 'string' && (body.email === '' || EMAIL_RE.test(body.email)))
	)
		return false;
	if (
		body.tags !== undefined &&
		!(Array.isArray(body.tags) && body.tags.every((t) => typeof t === 'string'))
	)
		return false;
	return true;
}

/**
 * What the rest of the repository knows about this vendor (listed in ./index.js): its provider id
 * and n8n credential type in the node, and the id of the "Rampwin (sandbox)" credential the example
 * workflows refer to. The credential's values come from the sandbox's `credentials()`: the Base
 * URL from its address and `prefix`, the rest from `credentialValues`.
 */
const VENDOR = {
	id: 'rampwin',
	displayName: 'Rampwin',
	credentialType: 'rampwinApi',
	sandboxCredentialId: 'sandboxRampwin01',
	create: createRampwin,
};

module.exports = { createRampwin, DEFAULT_SEED, VENDOR };
