'use strict';

// Tests for the vendor sandbox. Vambe's contract: contacts upserted by channel, auth, validation
// bodies, lists.

const { sandbox, creds, UUID_RE, SEED, call, vambe, vambeWhatsapp } =
	require('./helpers').useSandbox();

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

	describe('tags', () => {
		const headers = () => ({ 'x-api-key': creds.vambe.apiKey });
		const replace = (id, body) =>
			call('PATCH', `${creds.vambe.baseUrl}/api/public/contact/tags/${id}`, {
				headers: headers(),
				body,
			});

		test('lists the tags and replaces a contact’s tags with the ones sent', async () => {
			const list = await call('GET', `${creds.vambe.baseUrl}/api/public/tags`, {
				headers: headers(),
			});
			expect(list.body.map((tag) => [tag.id, tag.entity_type])).toEqual([
				[11, 'CONTACT'],
				[12, 'CONTACT'],
				[13, 'TICKET'],
			]);
			const { body: contact } = await vambeWhatsapp();
			expect((await replace(contact.id, { tagsIds: [11, 12] })).body).toEqual({
				status: 'success',
				aiContactTagsLength: 2,
			});
			await replace(contact.id, { tagsIds: [12] });
			expect(sandbox.contacts('vambe')[0].tag_ids).toEqual([12]);
		});

		test('refuses unknown tags, ticket tags, unknown contacts and bad bodies', async () => {
			const { body: contact } = await vambeWhatsapp();
			expect((await replace(contact.id, { tagsIds: [99] })).body).toEqual({
				statusCode: 400,
				message: "Invalid tag IDs or tags don't exist",
				error: 'Bad Request',
			});
			expect((await replace(contact.id, { tagsIds: [13] })).status).toBe(400);
			expect((await replace(contact.id, { tagsIds: '11' })).status).toBe(400);
			const unknown = await replace('0f8fad5b-d9cb-469f-a165-70867728950f', { tagsIds: [11] });
			expect(unknown.body).toMatchObject({ statusCode: 404, message: 'Contact not found' });
		});
	});
});
