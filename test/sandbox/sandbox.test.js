'use strict';

// Tests for the vendor sandbox itself: each vendor's contract (success,
// upsert, auth, validation bodies), the fault and rate-limit switches,
// idempotency replays and the /__sandbox control API.

const { createSandbox } = require('./server');

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SEED = {
	channelPhone: '+56911112222',
	webchatChannel: '0f8fad5b-d9cb-469f-a165-70867728950e',
	stageId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
	agentId: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80',
	rampwinChannel: '65f1c2a9b7e4d3c2a1f0e9d8',
	instance: '9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15',
};

let sandbox;
let creds;

beforeAll(async () => {
	sandbox = await createSandbox().listen();
	creds = sandbox.credentials();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(method, url, { headers = {}, body, raw, signal } = {}) {
	const init = { method, headers: { ...headers }, signal };
	if (body !== undefined || raw !== undefined) {
		init.body = raw !== undefined ? raw : JSON.stringify(body);
		init.headers['content-type'] = 'application/json';
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, body: json };
}

const vambe = (body, key = creds.vambe.apiKey) =>
	call('POST', `${creds.vambe.baseUrl}/api/public/customer/upsert/info`, {
		headers: { 'x-api-key': key },
		body,
	});
const vambeWhatsapp = (extra = {}) =>
	vambe({
		channel: 'whatsapp',
		channel_phone_number: SEED.channelPhone,
		contact_phone_number: '+56987654321',
		...extra,
	});

const chatbotx = (identifier, body = {}, headers = {}) =>
	call('POST', `${creds.chatbotx.baseUrl}/v1/contacts/${encodeURIComponent(identifier)}/upsert`, {
		headers: { authorization: `Bearer ${creds.chatbotx.accessToken}`, ...headers },
		body,
	});

const rampwin = (body, { channel = SEED.rampwinChannel, headers = {} } = {}) =>
	call('POST', `${creds.rampwin.baseUrl}/api/contacts/insertOrUpdate?channel_id=${channel}`, {
		headers: { 'x-api-key': creds.rampwin.apiKey, ...headers },
		body,
	});

const hyperUrl = (path, instance = SEED.instance) =>
	`${creds.hypersender.baseUrl}/api/whatsapp/v2/${instance}${path}`;
const hypersender = (body, { instance, token = creds.hypersender.apiToken } = {}) =>
	call('POST', hyperUrl('/contacts/upsert', instance), {
		headers: { authorization: `Bearer ${token}` },
		body,
	});

describe('credentials', () => {
	test('every baseUrl points at the one sandbox under the vendor prefix', () => {
		expect(creds).toEqual({
			vambe: { baseUrl: `${sandbox.url}/vambe`, apiKey: 'sandbox-vambe-key' },
			chatbotx: { baseUrl: `${sandbox.url}/chatbotx/api`, accessToken: 'cbx_ws_sandbox' },
			rampwin: {
				baseUrl: `${sandbox.url}/rampwin`,
				apiKey: 'sandbox-rampwin-key',
				channelId: SEED.rampwinChannel,
			},
			hypersender: {
				baseUrl: `${sandbox.url}/hypersender`,
				apiToken: '1|sandbox-hypersender-token',
				instanceId: SEED.instance,
			},
		});
		expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
	});
});

describe('Vambe', () => {
	test('creates a whatsapp contact and answers 201 with the AI-contact object', async () => {
		const res = await vambeWhatsapp({
			contact_name: 'Ana',
			contact_email: 'ana@example.com',
			stageId: SEED.stageId,
			agentId: SEED.agentId,
		});
		expect(res.status).toBe(201);
		expect(Object.keys(res.body).sort()).toEqual([
			'ai_customer_id',
			'client_id',
			'created_at',
			'default_stage_id',
			'email',
			'id',
			'name',
			'phone',
			'platform',
		]);
		expect(res.body).toMatchObject({
			name: 'Ana',
			email: 'ana@example.com',
			phone: '+56987654321',
			platform: 'whatsapp',
			default_stage_id: SEED.stageId,
		});
		expect(res.body.id).toMatch(UUID_RE);
		expect(sandbox.contacts('vambe')[0]).toMatchObject({ agent_id: SEED.agentId });
	});

	test('a second call with the same number (any formatting) updates the same contact', async () => {
		const first = await vambeWhatsapp({
			contact_name: 'Ana',
			custom_field_values: [{ key: 'rut', value: '11.111.111-1' }],
		});
		const second = await vambeWhatsapp({
			contact_phone_number: '+56 9 8765-4321',
			contact_name: 'Ana María',
			meta_data: { plan: 'pro' },
			custom_field_values: [{ key: 'company_name', value: 'ACME' }],
		});
		expect(second.status).toBe(201);
		expect(second.body.id).toBe(first.body.id);
		expect(second.body.name).toBe('Ana María');
		const stored = sandbox.contacts('vambe');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({
			custom_fields: { rut: '11.111.111-1', company_name: 'ACME' },
			meta_data: { plan: 'pro' },
			upsert_count: 2,
		});
	});

	test('web-whatsapp is a different contact than whatsapp for the same number', async () => {
		const a = await vambeWhatsapp();
		const b = await vambeWhatsapp({ channel: 'web-whatsapp' });
		expect(b.body.id).not.toBe(a.body.id);
		expect(b.body.platform).toBe('web-whatsapp');
	});

	test('webchat contacts are keyed by channel_id + external_user_id', async () => {
		const body = {
			channel: 'webchat',
			channel_id: SEED.webchatChannel,
			external_user_id: 'user-42',
			contact_name: 'Web user',
		};
		const first = await vambe(body);
		const second = await vambe({ ...body, contact_email: 'web@example.com' });
		expect(first.status).toBe(201);
		expect(second.body).toMatchObject({
			id: first.body.id,
			phone: null,
			platform: 'webchat',
			email: 'web@example.com',
		});
	});

	test('a wrong or missing API key is a Nest 401', async () => {
		const res = await vambeWhatsapp();
		expect(res.status).toBe(201);
		const bad = await vambe({ channel: 'whatsapp' }, 'wrong');
		expect(bad.status).toBe(401);
		expect(bad.body).toEqual({
			statusCode: 401,
			message: 'Invalid API key',
			error: 'Unauthorized',
		});
		const none = await call('GET', `${creds.vambe.baseUrl}/api/public/pipeline`);
		expect(none.status).toBe(401);
	});

	test('DTO validation failures are a 400 with an array of messages', async () => {
		const noChannel = await vambe({});
		expect(noChannel.status).toBe(400);
		expect(noChannel.body).toEqual({
			statusCode: 400,
			message: ['channel must be one of the following values: whatsapp, web-whatsapp, webchat'],
			error: 'Bad Request',
		});
		const missing = await vambe({ channel: 'whatsapp', stageId: 'not-a-uuid', meta_data: 'x' });
		expect(missing.body.message).toEqual([
			'channel_phone_number must be a string',
			'channel_phone_number should not be empty',
			'contact_phone_number must be a string',
			'contact_phone_number should not be empty',
			'stageId must be a UUID',
			'meta_data must be an object',
		]);
		const webchat = await vambe({ channel: 'webchat', channel_id: 'abc' });
		expect(webchat.body.message).toEqual([
			'channel_id must be a UUID',
			'external_user_id must be a string',
			'external_user_id should not be empty',
		]);
		const values = await vambeWhatsapp({ custom_field_values: [{ key: 'rut', value: 12 }] });
		expect(values.body.message).toEqual(['custom_field_values.0.value must be a string']);
	});

	test('unknown channel number, webchat channel, stage and agent are 404s', async () => {
		expect((await vambeWhatsapp({ channel_phone_number: '+56900000000' })).body).toEqual({
			statusCode: 404,
			message: 'Channel phone number not found',
			error: 'Not Found',
		});
		const webchat = await vambe({
			channel: 'webchat',
			channel_id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
			external_user_id: 'u',
		});
		expect(webchat.body).toEqual({
			statusCode: 404,
			message: 'Webchat channel not found',
			error: 'Not Found',
		});
		expect(
			(await vambeWhatsapp({ stageId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })).body.message,
		).toBe('Stage not found');
		expect(
			(await vambeWhatsapp({ agentId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })).body.message,
		).toBe('Agent not found');
		expect(sandbox.contacts('vambe')).toHaveLength(0);
	});

	test('unknown custom field keys are a 400 listing them', async () => {
		const res = await vambeWhatsapp({
			custom_field_values: [
				{ key: 'rut', value: '1-9' },
				{ key: 'plan', value: 'pro' },
				{ key: 'city', value: 'Santiago' },
			],
		});
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			statusCode: 400,
			message: 'Custom field definitions not found for keys: plan, city',
			error: 'Bad Request',
		});
	});

	test('malformed JSON is a 400 before anything else', async () => {
		const res = await call('POST', `${creds.vambe.baseUrl}/api/public/customer/upsert/info`, {
			headers: { 'x-api-key': creds.vambe.apiKey },
			raw: '{"channel":',
		});
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
	});

	test('team members and pipelines list the seeded ids', async () => {
		const headers = { 'x-api-key': creds.vambe.apiKey };
		const team = await call('GET', `${creds.vambe.baseUrl}/api/public/team-members/all`, {
			headers,
		});
		expect(team.status).toBe(200);
		expect(team.body[0]).toEqual({
			id: SEED.agentId,
			name: 'Ana Pérez',
			first_name: 'Ana',
			last_name: 'Pérez',
			email: 'ana@sandbox.vambe.test',
			phone: '+56922223333',
		});
		const pipelines = await call('GET', `${creds.vambe.baseUrl}/api/public/pipeline`, { headers });
		expect(pipelines.body[0].stages.map((s) => s.id)).toContain(SEED.stageId);
		expect(Object.keys(pipelines.body[0]).sort()).toEqual(['description', 'id', 'name', 'stages']);
	});
});

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

describe('Rampwin', () => {
	test('inserts a contact, stores extra keys as attributes, needs no Cookie', async () => {
		const res = await rampwin({
			phone_number: '+56912345678',
			first_name: 'Ana',
			email: 'ana@example.com',
			city: 'Santiago',
			tags: ['vip'],
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			success: true,
			message: 'Contact inserted or updated successfully',
			data: {
				phone_number: '+56912345678',
				first_name: 'Ana',
				email: 'ana@example.com',
				city: 'Santiago',
				tags: ['vip'],
			},
		});
		expect(res.body.data._id).toMatch(/^[0-9a-f]{24}$/);
		expect(sandbox.requests({ vendor: 'rampwin' })[0].cookieSent).toBe(false);
		await rampwin(
			{ phone_number: '+56912345678' },
			{ headers: { cookie: 'AWSALB=x; AWSALBCORS=y' } },
		);
		expect(sandbox.requests({ vendor: 'rampwin' })[1].cookieSent).toBe(true);
	});

	test('a second call with the same phone updates the same contact and keeps omitted fields', async () => {
		const first = await rampwin({
			phone_number: '+56912345678',
			first_name: 'Ana',
			last_name: 'Pérez',
		});
		const second = await rampwin({
			phone_number: '+56912345678',
			last_name: 'Soto',
			plan_status: 'active',
		});
		expect(second.body.data._id).toBe(first.body.data._id);
		expect(second.body.data).toMatchObject({
			first_name: 'Ana',
			last_name: 'Soto',
			plan_status: 'active',
		});
		expect(sandbox.contacts('rampwin')).toHaveLength(1);
	});

	test('bad key is 401 Unauthorized; unknown channel is 400 Invalid channel', async () => {
		const bad = await call(
			'POST',
			`${creds.rampwin.baseUrl}/api/contacts/insertOrUpdate?channel_id=${SEED.rampwinChannel}`,
			{
				headers: { 'x-api-key': 'nope' },
				body: { phone_number: '+56912345678' },
			},
		);
		expect(bad.status).toBe(401);
		expect(bad.body).toEqual({ success: false, message: 'Unauthorized' });
		const channel = await rampwin(
			{ phone_number: '+56912345678' },
			{ channel: '000000000000000000000000' },
		);
		expect(channel.status).toBe(400);
		expect(channel.body).toEqual({ success: false, message: 'Invalid channel' });
	});

	test.each([
		['missing phone', { first_name: 'Ana' }],
		['no country code', { phone_number: '912345678' }],
		['phone as a number', { phone_number: 56912345678 }],
		['tags not an array', { phone_number: '+56912345678', tags: 'vip' }],
		['tags not strings', { phone_number: '+56912345678', tags: [1] }],
		['bad email', { phone_number: '+56912345678', email: 'nope' }],
	])('%s is 400 Validation error', async (_name, body) => {
		const res = await rampwin(body);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ success: false, message: 'Validation error' });
	});

	test('official templates answer the credential test', async () => {
		const url = (key, channel = SEED.rampwinChannel) => [
			`${creds.rampwin.baseUrl}/api/message-templates/official-templates?channel_id=${channel}&isPagination=true&page=1&page_size=1`,
			{ headers: { 'x-api-key': key } },
		];
		const ok = await call('GET', ...url(creds.rampwin.apiKey));
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({
			success: true,
			data: [expect.objectContaining({ name: 'welcome_message' })],
		});
		expect((await call('GET', ...url('nope'))).status).toBe(401);
		expect((await call('GET', ...url(creds.rampwin.apiKey, 'abc'))).body).toEqual({
			success: false,
			message: 'Invalid channel',
		});
	});
});

describe('Hypersender', () => {
	test('upserts a contact and answers 200', async () => {
		const res = await hypersender({
			chat_id: '56912345678',
			first_name: 'Ana',
			last_name: 'Pérez',
		});
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			message: 'Contact upserted successfully.',
			data: { success: true },
		});
		expect(sandbox.contacts('hypersender')).toEqual([
			expect.objectContaining({
				id: '56912345678@c.us',
				first_name: 'Ana',
				last_name: 'Pérez',
				name: 'Ana Pérez',
			}),
		]);
	});

	test('digits and digits@c.us are the same contact; @lid ids are separate', async () => {
		await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		await hypersender({ chat_id: '56912345678@c.us', first_name: 'Ana María' });
		await hypersender({ chat_id: '123456789012345@lid', first_name: 'Lid' });
		const stored = sandbox.contacts('hypersender');
		expect(stored).toHaveLength(2);
		expect(stored[0]).toMatchObject({ first_name: 'Ana María', upsert_count: 2 });
		const all = await call('GET', `${hyperUrl('/contacts/get-all')}?limit=1`, {
			headers: { authorization: `Bearer ${creds.hypersender.apiToken}` },
		});
		expect(all.body).toEqual({
			message: 'Contacts retrieved successfully.',
			data: [{ id: '56912345678@c.us', name: 'Ana María', pushname: null }],
		});
	});

	test('bad token is 401 Unauthenticated.; unknown instance is 404', async () => {
		const bad = await hypersender({ chat_id: '56912345678', first_name: 'Ana' }, { token: 'nope' });
		expect(bad.status).toBe(401);
		expect(bad.body).toEqual({ message: 'Unauthenticated.' });
		const instance = await hypersender(
			{ chat_id: '56912345678', first_name: 'Ana' },
			{ instance: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' },
		);
		expect(instance.status).toBe(404);
		expect(instance.body).toEqual({ message: 'Instance not found' });
	});

	test('validation errors are Laravel 422 bodies', async () => {
		const format = await hypersender({ chat_id: '+56 9 1234 5678', first_name: 'Ana' });
		expect(format.status).toBe(422);
		expect(format.body).toEqual({
			message: 'The chat id field format is invalid.',
			errors: { chat_id: ['The chat id field format is invalid.'] },
		});
		const name = await hypersender({ chat_id: '56912345678', first_name: '   ' });
		expect(name.body).toEqual({
			message: 'The first name field is required.',
			errors: { first_name: ['The first name field is required.'] },
		});
		const both = await hypersender({});
		expect(both.body).toEqual({
			message: 'The chat id field is required. (and 1 more error)',
			errors: {
				chat_id: ['The chat id field is required.'],
				first_name: ['The first name field is required.'],
			},
		});
		expect(sandbox.contacts('hypersender')).toHaveLength(0);
	});

	test('queued mode answers 202 and publishes the result under the queued-request link', async () => {
		sandbox.configure({ hypersender: { queued: true } });
		const res = await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		expect(res.status).toBe(202);
		expect(res.body).toEqual({
			queued: true,
			message: 'Processing your request...',
			queued_request_uuid: expect.stringMatching(UUID_RE),
			queued_request_link: `${sandbox.url}/hypersender/api/whatsapp/v2/${SEED.instance}/queued-requests/${res.body.queued_request_uuid}`,
		});
		const record = await call('GET', res.body.queued_request_link, {
			headers: { authorization: `Bearer ${creds.hypersender.apiToken}` },
		});
		expect(record.body).toMatchObject({
			uuid: res.body.queued_request_uuid,
			request: { method: 'POST', body: { chat_id: '56912345678', first_name: 'Ana' } },
			response_status: 200,
			response_body: { message: 'Contact upserted successfully.', data: { success: true } },
		});
		expect(record.body).toHaveProperty('response_header');
	});

	test('queued processing time: response fields stay null until it is done', async () => {
		sandbox.configure({ hypersender: { queued: { processingMs: 150 } } });
		const res = await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		const headers = { authorization: `Bearer ${creds.hypersender.apiToken}` };
		const pending = await call('GET', res.body.queued_request_link, { headers });
		expect(pending.body).toMatchObject({
			response_status: null,
			response_body: null,
			response_header: null,
		});
		expect(sandbox.contacts('hypersender')).toHaveLength(0);
		await delay(200);
		expect(
			(await call('GET', res.body.queued_request_link, { headers })).body.response_status,
		).toBe(200);
		expect(sandbox.contacts('hypersender')).toHaveLength(1);
	});
});

describe('faults', () => {
	test('status429 with Retry-After seconds, in the vendor body, for the next N requests', async () => {
		sandbox.configure({ rampwin: { faults: [{ type: 'status429', retryAfter: 7, count: 2 }] } });
		for (let i = 0; i < 2; i++) {
			const res = await rampwin({ phone_number: '+56912345678' });
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('7');
			expect(res.body).toEqual({
				success: false,
				message: 'Too many requests, please try again later.',
			});
		}
		expect((await rampwin({ phone_number: '+56912345678' })).status).toBe(200);
		expect(sandbox.requests({ vendor: 'rampwin' }).map((e) => e.fault)).toEqual([
			'status429',
			'status429',
			null,
		]);
	});

	test('status429 with an HTTP date, and without any Retry-After', async () => {
		const date = new Date(Date.now() + 30_000).toUTCString();
		sandbox.configure({
			chatbotx: { faults: [{ type: 'status429', retryAfter: date }, { type: 'status429' }] },
		});
		const dated = await chatbotx('email:a@example.com');
		expect(dated.headers.get('retry-after')).toBe(date);
		expect(dated.body.message).toMatch(/^Too many requests\. Retry after (29|30)s\.$/);
		const bare = await chatbotx('email:a@example.com');
		expect(bare.status).toBe(429);
		expect(bare.headers.get('retry-after')).toBeNull();
		expect(sandbox.contacts('chatbotx')).toHaveLength(0);
	});

	test.each([502, 503, 504])('status5xx %i answers an HTML page', async (status) => {
		sandbox.configure({ faults: [{ type: 'status5xx', status }] });
		const res = await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(res.text).toContain(`<h1>${status} `);
		expect(res.body).toBeUndefined();
		expect(sandbox.contacts('hypersender')).toHaveLength(0);
	});

	test('reset destroys the socket', async () => {
		sandbox.configure({ vambe: { faults: ['reset'] } });
		await expect(vambeWhatsapp()).rejects.toThrow();
		expect(sandbox.requests()[0]).toMatchObject({ vendor: 'vambe', fault: 'reset', status: null });
		expect((await vambeWhatsapp()).status).toBe(201);
	});

	test('hang never answers, without blocking other requests', async () => {
		sandbox.configure({ vambe: { faults: [{ type: 'hang' }] } });
		const controller = new AbortController();
		const hanging = call('POST', `${creds.vambe.baseUrl}/api/public/customer/upsert/info`, {
			headers: { 'x-api-key': creds.vambe.apiKey },
			body: {},
			signal: controller.signal,
		});
		const outcome = hanging.then(
			() => 'answered',
			() => 'aborted',
		);
		await delay(50);
		expect((await rampwin({ phone_number: '+56912345678' })).status).toBe(200);
		expect((await vambeWhatsapp()).status).toBe(201);
		await delay(150);
		controller.abort();
		expect(await outcome).toBe('aborted');
		expect(sandbox.requests({ vendor: 'vambe' })[0]).toMatchObject({ fault: 'hang', status: null });
	});

	test('malformedJson answers 200 with a truncated body', async () => {
		sandbox.configure({ faults: [{ type: 'malformedJson' }] });
		const res = await chatbotx('email:a@example.com');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(() => JSON.parse(res.text)).toThrow();
	});

	test('redirect answers its status with a Location and no body, and stores nothing', async () => {
		const location = 'http://127.0.0.1:9/moved?token=t';
		sandbox.configure({ rampwin: { faults: [{ type: 'redirect', status: 308, location }] } });
		const res = await fetch(
			`${creds.rampwin.baseUrl}/api/contacts/insertOrUpdate?channel_id=${SEED.rampwinChannel}`,
			{
				method: 'POST',
				redirect: 'manual',
				headers: { 'x-api-key': creds.rampwin.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ phone_number: '+56912345678' }),
			},
		);
		expect(res.status).toBe(308);
		expect(res.headers.get('location')).toBe(location);
		expect(await res.text()).toBe('');
		expect(sandbox.contacts('rampwin')).toEqual([]);
		expect(sandbox.requests({ vendor: 'rampwin' })[0]).toMatchObject({
			fault: 'redirect',
			status: 308,
		});
		expect(() => sandbox.configure({ faults: [{ type: 'redirect' }] })).toThrow('needs a location');
		expect(() =>
			sandbox.configure({ faults: [{ type: 'redirect', status: 304, location: '/x' }] }),
		).toThrow('redirect status must be one of');
	});

	test('rate 1 hits every matching request, rate 0 none; path and method filters', async () => {
		sandbox.configure({
			vambe: { faults: [{ type: 'status5xx', rate: 1, path: '/pipeline', method: 'GET' }] },
			chatbotx: { faults: [{ type: 'status5xx', rate: 0 }] },
		});
		const headers = { 'x-api-key': creds.vambe.apiKey };
		for (let i = 0; i < 3; i++)
			expect(
				(await call('GET', `${creds.vambe.baseUrl}/api/public/pipeline`, { headers })).status,
			).toBe(503);
		expect(
			(await call('GET', `${creds.vambe.baseUrl}/api/public/team-members/all`, { headers })).status,
		).toBe(200);
		expect((await vambeWhatsapp()).status).toBe(201);
		expect((await chatbotx('email:a@example.com')).status).toBe(200);
		expect(sandbox.config().vendors.vambe.faults).toHaveLength(1); // unlimited: still there
	});

	test('a fraction of requests, decided by the injected random source', async () => {
		const rolls = [0.1, 0.9, 0.2, 0.8];
		const local = await createSandbox({ random: () => rolls.shift() }).listen();
		try {
			local.configure({ faults: [{ type: 'status5xx', status: 502, rate: 0.5 }] });
			const { baseUrl, apiToken, instanceId } = local.credentials().hypersender;
			const statuses = [];
			for (let i = 0; i < 4; i++) {
				const res = await call('POST', `${baseUrl}/api/whatsapp/v2/${instanceId}/contacts/upsert`, {
					headers: { authorization: `Bearer ${apiToken}` },
					body: { chat_id: '56912345678', first_name: 'Ana' },
				});
				statuses.push(res.status);
			}
			expect(statuses).toEqual([502, 200, 502, 200]);
		} finally {
			await local.close();
		}
	});

	test('latency delays one vendor without blocking the others', async () => {
		sandbox.configure({ vambe: { latencyMs: 300 } });
		const started = Date.now();
		const slow = vambeWhatsapp().then(() => Date.now() - started);
		const fast = rampwin({ phone_number: '+56912345678' }).then(() => Date.now() - started);
		expect(await fast).toBeLessThan(200);
		expect(await slow).toBeGreaterThanOrEqual(290);
	});

	test('close() ends hanging requests at once', async () => {
		const local = await createSandbox({ config: { faults: [{ type: 'hang', rate: 1 }] } }).listen();
		const { baseUrl, apiKey } = local.credentials().vambe;
		const hanging = fetch(`${baseUrl}/api/public/pipeline`, { headers: { 'x-api-key': apiKey } });
		const settled = hanging.then(
			() => 'answered',
			() => 'failed',
		);
		await delay(50);
		const started = Date.now();
		await local.close();
		expect(Date.now() - started).toBeLessThan(500);
		expect(await settled).toBe('failed');
	});
});

describe('rate limits on the other vendors', () => {
	test('global rate limit applies per vendor with each vendor body; false turns one off', async () => {
		sandbox.configure({ rateLimit: { limit: 1, windowMs: 5000 }, rampwin: { rateLimit: false } });
		await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		const hyper = await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		expect(hyper.status).toBe(429);
		expect(hyper.body).toEqual({ message: 'Too Many Attempts.' });
		expect(hyper.headers.get('retry-after')).toBe('5');
		await vambeWhatsapp();
		expect((await vambeWhatsapp()).body).toEqual({
			statusCode: 429,
			message: 'ThrottlerException: Too Many Requests',
			error: 'Too Many Requests',
		});
		for (let i = 0; i < 3; i++)
			expect((await rampwin({ phone_number: '+56912345678' })).status).toBe(200);
		expect(sandbox.requests({ vendor: 'hypersender' })[1].rateLimited).toBe(true);
	});
});

describe('control API', () => {
	const control = (method, path, body) => call(method, `${sandbox.url}/__sandbox${path}`, { body });

	test('GET /requests lists what the vendors received; DELETE clears it', async () => {
		await rampwin(
			{ phone_number: '+56912345678', first_name: 'Ana' },
			{ headers: { 'X-Custom-Header': 'Yes' } },
		);
		await vambe({ channel: 'whatsapp' }, 'bad');
		const res = await control('GET', '/requests');
		expect(res.status).toBe(200);
		expect(res.body.count).toBe(2);
		expect(res.body.dropped).toBe(0);
		const [first, second] = res.body.requests;
		expect(first).toMatchObject({
			id: 1,
			vendor: 'rampwin',
			method: 'POST',
			path: `/rampwin/api/contacts/insertOrUpdate?channel_id=${SEED.rampwinChannel}`,
			body: { phone_number: '+56912345678', first_name: 'Ana' },
			status: 200,
			cookieSent: false,
		});
		expect(first.headers).toMatchObject({
			'x-api-key': 'sandbox-rampwin-key',
			'x-custom-header': 'Yes',
		});
		expect(Date.parse(first.time)).not.toBeNaN();
		expect(second).toMatchObject({ vendor: 'vambe', status: 401 });
		expect((await control('GET', '/requests?vendor=vambe')).body.requests).toHaveLength(1);
		expect((await control('GET', '/requests?since=1')).body.requests.map((e) => e.id)).toEqual([2]);
		expect((await control('DELETE', '/requests')).body).toEqual({ cleared: 2 });
		expect(sandbox.requests()).toEqual([]);
	});

	test('GET /contacts shows every store; /contacts/{vendor} one of them', async () => {
		await vambeWhatsapp();
		await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
		const all = (await control('GET', '/contacts')).body;
		expect(Object.keys(all)).toEqual(['vambe', 'chatbotx', 'rampwin', 'hypersender']);
		expect(all.vambe).toHaveLength(1);
		expect(all.chatbotx).toEqual([]);
		expect((await control('GET', '/contacts/hypersender')).body).toHaveLength(1);
		expect((await control('GET', '/contacts/nope')).status).toBe(404);
	});

	test('POST /config switches faults over HTTP; bad patches are refused whole', async () => {
		const set = await control('POST', '/config', {
			latencyMs: 0,
			chatbotx: { faults: [{ type: 'status5xx', status: 504 }] },
		});
		expect(set.status).toBe(200);
		expect(set.body.vendors.chatbotx.faults).toEqual([
			{ type: 'status5xx', count: 1, rate: null, path: null, method: null, status: 504 },
		]);
		expect((await chatbotx('email:a@example.com')).status).toBe(504);

		const bad = await control('POST', '/config', { latencyMs: 50, vambe: { fautls: [] } });
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({ error: 'unknown vambe config key "fautls"' });
		expect(sandbox.config().latencyMs).toBe(0);
		expect((await control('POST', '/config', { faults: [{ type: 'explode' }] })).status).toBe(400);
		expect(
			(await control('POST', '/config', { chatbotx: { rateLimit: { limit: 0, windowMs: 1 } } }))
				.status,
		).toBe(400);
		expect(() => sandbox.configure({ faults: [{ type: 'status5xx', status: 500 }] })).toThrow(
			'502, 503 or 504',
		);
	});

	test('POST /reset empties stores, log and switches', async () => {
		sandbox.configure({ latencyMs: 5, hypersender: { queued: true } });
		await chatbotx('email:a@example.com', {}, { 'idempotency-key': 'k1' });
		expect((await control('POST', '/reset')).body).toEqual({ reset: true });
		expect(sandbox.contacts('chatbotx')).toEqual([]);
		expect(sandbox.requests()).toEqual([]);
		expect(sandbox.config()).toMatchObject({
			latencyMs: 0,
			vendors: { hypersender: { queued: false } },
		});
		// The idempotency record went too: the same key now runs again and creates the contact.
		await chatbotx('email:a@example.com', {}, { 'idempotency-key': 'k1' });
		expect(sandbox.requests()[0].replayed).toBeUndefined();
	});

	test('GET /info gives the URL, credentials and seed', async () => {
		const info = (await control('GET', '/info')).body;
		expect(info.url).toBe(sandbox.url);
		expect(info.credentials).toEqual(creds);
		expect(info.seed.vambe).toMatchObject({
			channelPhoneNumbers: [SEED.channelPhone],
			webchatChannelId: SEED.webchatChannel,
		});
	});

	test('unknown paths: 404 outside the vendors, the vendor style inside them', async () => {
		expect((await call('GET', `${sandbox.url}/nowhere`)).status).toBe(404);
		expect((await control('GET', '/nope')).status).toBe(404);
		const nest = await call('GET', `${creds.vambe.baseUrl}/api/public/nope`);
		expect(nest.body).toEqual({
			statusCode: 404,
			message: 'Cannot GET /api/public/nope',
			error: 'Not Found',
		});
		const express = await call('GET', `${creds.rampwin.baseUrl}/api/nope`);
		expect(express.text).toContain('Cannot GET /api/nope');
	});

	test('logging can be turned off, and the log is capped', async () => {
		sandbox.configure({ logRequests: false });
		await vambeWhatsapp();
		expect(sandbox.requests()).toEqual([]);

		const local = await createSandbox({ maxLogEntries: 3 }).listen();
		try {
			const { baseUrl, apiKey } = local.credentials().vambe;
			for (let i = 0; i < 5; i++)
				await call('GET', `${baseUrl}/api/public/pipeline`, { headers: { 'x-api-key': apiKey } });
			expect(local.requests().map((e) => e.id)).toEqual([3, 4, 5]);
			expect(local.state.log.dropped).toBe(2);
		} finally {
			await local.close();
		}
	});
});
