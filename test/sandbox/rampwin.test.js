'use strict';

// Tests for the vendor sandbox. Rampwin's contract: insert-or-update by channel, auth, validation
// bodies.

const { sandbox, creds, SEED, call, rampwin } = require('./helpers').useSandbox();

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
