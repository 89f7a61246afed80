'use strict';

// Tests for the vendor sandbox. ChatbotX's contract: identifier upserts, auth, validation bodies,
// idempotency replays.

const { useSandbox, sandbox, creds } = require('./helpers');
const { delay, call, vambeWhatsapp, chatbotx } = require('./helpers');

useSandbox();

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
		expect(res.body).toEqual({
			defined: true,
			code: 'phoneExists',
			status: 422,
			message: 'Phone number already exists',
		});
	});

	test('identifier errors are oRPC 404 notFound', async () => {
		const invalid = {
			defined: true,
			code: 'notFound',
			status: 404,
			message: 'Invalid identifier format. Use id:, email:, or phone: prefix',
		};
		expect((await chatbotx('ana@example.com')).body).toEqual(invalid);
		expect((await chatbotx('name:Ana')).body).toEqual(invalid);
		expect((await chatbotx('email:')).body).toEqual(invalid);
		const missing = { defined: true, code: 'notFound', status: 404, message: 'Contact not found' };
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
		expect(res.body).toMatchObject({
			defined: true,
			code: 'invalidRequestData',
			status: 422,
			message: 'Input validation failed',
		});
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
		expect(res.body).toEqual({
			defined: true,
			code: 'INVALID_CHATBOT_TOKEN',
			status: 401,
			message: 'Invalid or missing workspace API token',
		});
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
		expect(reused.body).toEqual({
			defined: true,
			code: 'idempotencyKeyReused',
			status: 422,
			message: 'Idempotency-Key was already used with a different request',
		});
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
		expect(limited.body).toEqual({
			defined: true,
			code: 'tooManyRequests',
			status: 429,
			message: 'Too many requests. Retry after 1s.',
		});
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
});
