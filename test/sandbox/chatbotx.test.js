'use strict';

// Tests for the vendor sandbox. ChatbotX's contract: identifier upserts, auth, validation bodies,
// idempotency replays.

const { sandbox, creds, delay, call, vambeWhatsapp, chatbotx } = require('./helpers').useSandbox();

/** ChatbotX's error body (an oRPC error the API defines). */
const orpcError = (status, code, message) => ({ defined: true, code, status, message });

describe('ChatbotX', () => {
	test('creates a contact from an email identifier and answers 200 with the full contact', async () => {
		const res = await chatbotx('email:ana@example.com', {
			firstName: '  Ana ',
			lastName: 'Pérez',
			gender: 'female',
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			email: 'ana@example.com',
			firstName: 'Ana',
			lastName: 'Pérez',
			fullName: 'Ana Pérez',
			gender: 'female',
			phoneNumber: null,
			workspaceId: '11590000000000001',
		});
		expect(res.body.id).toMatch(/^\d+$/);
		for (const key of [
			'createdAt',
			'updatedAt',
			'avatar',
			'emailVerified',
			'tags',
			'contactInboxes',
			'conversation',
		]) {
			expect(res.body).toHaveProperty(key);
		}
	});

	test('a second call updates the same contact; id: finds it too', async () => {
		const first = await chatbotx('email:ana@example.com', { firstName: 'Ana' });
		const second = await chatbotx('email:ana@example.com', {
			lastName: 'Soto',
			phoneNumber: '+56912345678',
		});
		expect(second.body.id).toBe(first.body.id);
		expect(second.body).toMatchObject({
			firstName: 'Ana',
			lastName: 'Soto',
			fullName: 'Ana Soto',
			phoneNumber: '+56912345678',
		});
		const byId = await chatbotx(`id:${first.body.id}`, { avatar: 'https://example.com/a.png' });
		expect(byId.body).toMatchObject({ id: first.body.id, avatar: 'https://example.com/a.png' });
		const byPhone = await chatbotx('phone:+56912345678', { firstName: 'Ana María' });
		expect(byPhone.body.id).toBe(first.body.id);
		expect(sandbox.contacts('chatbotx')).toHaveLength(1);
	});

	test('phone lookup is an exact string match: another format creates a second contact', async () => {
		const a = await chatbotx('phone:+56912345678');
		const b = await chatbotx('phone:56912345678');
		expect(a.body.phoneNumber).toBe('+56912345678');
		expect(b.body.phoneNumber).toBe('56912345678');
		expect(b.body.id).not.toBe(a.body.id);
	});

	test('creating with a phone another contact has is 422 phoneExists', async () => {
		await chatbotx('phone:+56912345678');
		const res = await chatbotx('email:other@example.com', { phoneNumber: '+56912345678' });
		expect(res.status).toBe(422);
		expect(res.body).toEqual(orpcError(422, 'phoneExists', 'Phone number already exists'));
	});

	test('identifier errors are oRPC 404 notFound', async () => {
		const invalid = orpcError(
			404,
			'notFound',
			'Invalid identifier format. Use id:, email:, or phone: prefix',
		);
		expect((await chatbotx('ana@example.com')).body).toEqual(invalid);
		expect((await chatbotx('name:Ana')).body).toEqual(invalid);
		expect((await chatbotx('email:')).body).toEqual(invalid);
		const missing = orpcError(404, 'notFound', 'Contact not found');
		expect((await chatbotx('id:123')).body).toEqual(missing);
		expect((await chatbotx('id:abc')).body).toEqual(missing);
		expect(sandbox.contacts('chatbotx')).toHaveLength(0);
	});

	test('the identifier is URL-decoded from the path, and an unencoded + stays a +', async () => {
		const res = await call(
			'POST',
			`${creds.chatbotx.baseUrl}/v1/contacts/phone:+56911112233/upsert`,
			{
				headers: { authorization: `Bearer ${creds.chatbotx.accessToken}` },
				body: {},
			},
		);
		expect(res.body.phoneNumber).toBe('+56911112233');
		const encoded = await call(
			'POST',
			`${creds.chatbotx.baseUrl}/v1/contacts/email%3Aa%40b.co/upsert`,
			{
				headers: { authorization: `Bearer ${creds.chatbotx.accessToken}` },
				body: {},
			},
		);
		expect(encoded.body.email).toBe('a@b.co');
	});

	test('body validation is 422 invalidRequestData with zod issues', async () => {
		const res = await chatbotx('email:ana@example.com', {
			firstName: 'x'.repeat(101),
			email: 'not-an-email',
			phoneNumber: '12345',
			gender: 'other',
			avatar: 5,
		});
		expect(res.status).toBe(422);
		expect(res.body).toMatchObject(orpcError(422, 'invalidRequestData', 'Input validation failed'));
		expect(res.body.data.issues.map((i) => [i.path, i.message])).toEqual([
			[['firstName'], 'String must contain at most 100 character(s)'],
			[['email'], 'Invalid email'],
			[['phoneNumber'], 'String must contain at least 10 character(s)'],
			[['avatar'], 'Expected string, received number'],
			[['gender'], "Invalid enum value. Expected 'male' | 'female' | 'unknown', received 'other'"],
		]);
		const long = await chatbotx('email:ana@example.com', { phoneNumber: '+123456789012345678901' });
		expect(long.body.data.issues[0].message).toBe('String must contain at most 20 character(s)');
		expect((await chatbotx('email:ana@example.com', { email: '' })).status).toBe(200);
	});

	test('a bad token is 401 INVALID_CHATBOT_TOKEN', async () => {
		const res = await chatbotx('email:ana@example.com', {}, { authorization: 'Bearer nope' });
		expect(res.status).toBe(401);
		expect(res.body).toEqual(
			orpcError(401, 'INVALID_CHATBOT_TOKEN', 'Invalid or missing workspace API token'),
		);
	});

	test('Idempotency-Key: same request replays, a different one is refused', async () => {
		const key = { 'idempotency-key': 'order-1' };
		const first = await chatbotx('email:ana@example.com', { firstName: 'Ana' }, key);
		await delay(5);
		const replay = await chatbotx('email:ana@example.com', { firstName: 'Ana' }, key);
		expect(replay.status).toBe(200);
		expect(replay.body).toEqual(first.body); // same updatedAt: nothing was applied again
		const log = sandbox.requests({ vendor: 'chatbotx' });
		expect(log.map((e) => e.replayed)).toEqual([undefined, true]);

		const reused = await chatbotx('email:ana@example.com', { firstName: 'Eve' }, key);
		expect(reused.status).toBe(422);
		expect(reused.body).toEqual(
			orpcError(
				422,
				'idempotencyKeyReused',
				'Idempotency-Key was already used with a different request',
			),
		);
		expect(sandbox.contacts('chatbotx')[0].firstName).toBe('Ana');

		const tooLong = await chatbotx(
			'email:ana@example.com',
			{},
			{ 'idempotency-key': 'k'.repeat(256) },
		);
		expect(tooLong.body.code).toBe('idempotencyKeyInvalid');
	});

	test('rate limit: fixed window per token, 429 tooManyRequests without Retry-After', async () => {
		sandbox.configure({ chatbotx: { rateLimit: { limit: 2, windowMs: 400 } } });
		expect((await chatbotx('email:a@example.com')).status).toBe(200);
		expect((await chatbotx('email:a@example.com')).status).toBe(200);
		const limited = await chatbotx('email:a@example.com');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual(
			orpcError(429, 'tooManyRequests', 'Too many requests. Retry after 1s.'),
		);
		expect(limited.headers.get('retry-after')).toBeNull();
		// Other vendors are not limited.
		expect((await vambeWhatsapp()).status).toBe(201);
		await delay(450);
		expect((await chatbotx('email:a@example.com')).status).toBe(200);
	});

	test('count and workspace endpoints (credential tests)', async () => {
		await chatbotx('email:a@example.com');
		const headers = { authorization: `Bearer ${creds.chatbotx.accessToken}` };
		expect(
			(await call('GET', `${creds.chatbotx.baseUrl}/v1/contacts/count`, { headers })).body,
		).toEqual({ count: 1 });
		const ws = await call('GET', `${creds.chatbotx.baseUrl}/v1/workspaces`, { headers });
		expect(ws.body).toMatchObject({ id: '11590000000000001', name: 'Sandbox Workspace' });
		expect((await call('GET', `${creds.chatbotx.baseUrl}/v1/workspaces`)).status).toBe(401);
	});

	describe('tags and custom fields', () => {
		const auth = () => ({ authorization: `Bearer ${creds.chatbotx.accessToken}` });
		const contactPath = (id, rest) =>
			`${creds.chatbotx.baseUrl}/v1/contacts/${encodeURIComponent(`id:${id}`)}${rest}`;

		test('lists tags and custom fields page by page', async () => {
			const first = await call('GET', `${creds.chatbotx.baseUrl}/v1/tags?perPage=2`, {
				headers: auth(),
			});
			const second = await call('GET', `${creds.chatbotx.baseUrl}/v1/tags?perPage=2&page=2`, {
				headers: auth(),
			});
			expect(first.body.data.map((tag) => tag.name)).toEqual(['VIP', 'Lead']);
			expect(second.body.data.map((tag) => tag.name)).toEqual(['Newsletter']);
			const fields = await call('GET', `${creds.chatbotx.baseUrl}/v1/custom-fields`, {
				headers: auth(),
			});
			expect(fields.body.data.map((field) => field.id)).toEqual([
				'11590000000000301',
				'11590000000000302',
			]);
			const tooMany = await call('GET', `${creds.chatbotx.baseUrl}/v1/tags?perPage=101`, {
				headers: auth(),
			});
			expect(tooMany.status).toBe(422);
		});

		test('adds tags (merging) and sets custom fields by PATCH or PUT, answering 204', async () => {
			const { body: contact } = await chatbotx('email:ana@example.com', {});
			const add = (tagIds) =>
				call('POST', contactPath(contact.id, '/tags'), { headers: auth(), body: { tagIds } });
			expect((await add(['11590000000000201'])).status).toBe(204);
			expect((await add(['11590000000000202', '11590000000000201'])).status).toBe(204);
			const patch = await call('PATCH', contactPath(contact.id, '/custom-fields'), {
				headers: auth(),
				body: {
					operations: [{ customFieldId: '11590000000000301', operation: 'set', value: 'Gold' }],
				},
			});
			const put = await call('PUT', contactPath(contact.id, '/custom-fields'), {
				headers: auth(),
				body: { fields: [{ customFieldId: '11590000000000302', value: '7' }] },
			});
			expect([patch.status, put.status]).toEqual([204, 204]);
			const [stored] = sandbox.contacts('chatbotx');
			expect(stored.tags.map((tag) => tag.name)).toEqual(['VIP', 'Lead']);
			expect(stored.contactCustomFields).toEqual([
				{ customFieldId: '11590000000000301', value: 'Gold' },
				{ customFieldId: '11590000000000302', value: '7' },
			]);
		});

		test('refuses unknown contacts, tags and custom fields, and bad bodies', async () => {
			const { body: contact } = await chatbotx('email:ana@example.com', {});
			const missing = await call('POST', contactPath('999', '/tags'), {
				headers: auth(),
				body: { tagIds: ['11590000000000201'] },
			});
			expect(missing.body).toMatchObject({ status: 404, message: 'Contact not found' });
			const tag = await call('POST', contactPath(contact.id, '/tags'), {
				headers: auth(),
				body: { tagIds: ['1'] },
			});
			expect(tag.body).toMatchObject({ status: 404, message: 'Tag not found' });
			const field = await call('PATCH', contactPath(contact.id, '/custom-fields'), {
				headers: auth(),
				body: { operations: [{ customFieldId: '1', operation: 'set', value: 'x' }] },
			});
			expect(field.body).toMatchObject({ status: 404, message: 'Custom field not found' });
			const empty = await call('POST', contactPath(contact.id, '/tags'), {
				headers: auth(),
				body: { tagIds: [] },
			});
			expect(empty.body).toMatchObject({ status: 422, code: 'invalidRequestData' });
		});

		test('a custom-field route switched off answers as a missing route', async () => {
			sandbox.configure({ chatbotx: { customFieldRoutes: ['put'] } });
			const { body: contact } = await chatbotx('email:ana@example.com', {});
			const patch = await call('PATCH', contactPath(contact.id, '/custom-fields'), {
				headers: auth(),
				body: {
					operations: [{ customFieldId: '11590000000000301', operation: 'set', value: 'x' }],
				},
			});
			expect(patch.status).toBe(404);
			expect(patch.body).toEqual({
				defined: false,
				code: 'NOT_FOUND',
				status: 404,
				message: 'Not found',
			});
			expect(() => sandbox.configure({ chatbotx: { customFieldRoutes: ['post'] } })).toThrow(
				/customFieldRoutes/,
			);
		});
	});
});
