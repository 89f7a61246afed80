'use strict';

// Tests for the vendor sandbox (each vendor's contract: <vendor>.test.js). The shared machinery:
// credentials, faults, rate limits, the /__sandbox control API.

const { useSandbox, sandbox, creds } = require('./helpers');
const { createSandbox, SEED, delay, call } = require('./helpers');
const { vambe, vambeWhatsapp, chatbotx, rampwin, hypersender } = require('./helpers');

useSandbox();

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
