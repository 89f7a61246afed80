'use strict';

// Tests for the vendor sandbox. Hypersender's contract: instance upserts, auth, validation bodies,
// queued requests.

const { sandbox, creds, UUID_RE, SEED, delay, call, hyperUrl, hypersender } =
	require('./helpers').useSandbox();

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

	describe('queued requests that finish after reads, or fail', () => {
		const read = (link) =>
			call('GET', link, { headers: { authorization: `Bearer ${creds.hypersender.apiToken}` } });

		test('with polls: 2 the first two reads are still running, the third is done', async () => {
			sandbox.configure({ hypersender: { queued: { polls: 2 } } });
			const res = await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
			const states = [];
			for (let i = 0; i < 3; i++) {
				states.push((await read(res.body.queued_request_link)).body.response_status);
			}
			expect(states).toEqual([null, null, 200]);
			expect(sandbox.contacts('hypersender')).toHaveLength(1);
		});

		test('with fail the request finishes with that status and reason and saves nothing', async () => {
			sandbox.configure({
				hypersender: {
					queued: { fail: { status: 422, message: 'The chat id field format is invalid.' } },
				},
			});
			const res = await hypersender({ chat_id: '56912345678', first_name: 'Ana' });
			const record = (await read(res.body.queued_request_link)).body;
			expect(record).toMatchObject({
				response_status: 422,
				response_body: { message: 'The chat id field format is invalid.' },
			});
			expect(sandbox.contacts('hypersender')).toEqual([]);
			expect(() => sandbox.configure({ hypersender: { queued: { polls: -1 } } })).toThrow(
				/queued must be/,
			);
		});
	});
});
