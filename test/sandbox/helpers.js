'use strict';

// What the sandbox's tests share: one sandbox per test file (reset before each test), a fetch
// wrapper, and a request builder per vendor. Each vendor's contract is tested in <vendor>.test.js,
// the shared machinery (faults, rate limits, control API) in sandbox.test.js.

const { createSandbox } = require('../../sandbox/server');

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SEED = {
	channelPhone: '+56911112222',
	webchatChannel: '0f8fad5b-d9cb-469f-a165-70867728950e',
	stageId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
	agentId: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80',
	rampwinChannel: '65f1c2a9b7e4d3c2a1f0e9d8',
	instance: '9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15',
};
/** The test file's sandbox and its credentials, filled in by useSandbox() once it listens. */
const sandbox = {};
const creds = {};

/**
 * Starts one sandbox for the calling test file (each test file has its own copy of this module),
 * resets it before each test and closes it after the file. Returns this module's exports, so a
 * test file's header is one line: `const { sandbox, call } = require('./helpers').useSandbox();`.
 */
function useSandbox() {
	beforeAll(async () => {
		const started = await createSandbox().listen();
		Object.defineProperties(sandbox, Object.getOwnPropertyDescriptors(started));
		Object.assign(creds, started.credentials());
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());
	return module.exports;
}

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
module.exports = {
	createSandbox,
	UUID_RE,
	SEED,
	sandbox,
	creds,
	useSandbox,
	delay,
	call,
	vambe,
	vambeWhatsapp,
	chatbotx,
	rampwin,
	hyperUrl,
	hypersender,
};
