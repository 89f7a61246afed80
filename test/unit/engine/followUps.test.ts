import nock from 'nock';
import { NodeApiError, NodeOperationError, type INode, type INodeParameters } from 'n8n-workflow';

import { findProvider } from '../../../nodes/providers';
import type { Provider } from '../../../nodes/engine/provider';
import type { Sender } from '../../../nodes/engine/transport';
import { stepContext } from '../../../nodes/engine/steps/context';
import { FakeClock, settle } from '../helpers/fakeClock';

import { SECRETS, testCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import contact from '../fixtures/chatbotx/contact.json';
import queued from '../fixtures/hypersender/queued.json';
import success from '../fixtures/hypersender/success.json';
import { guardUnmatchedRequests, runExpectingError } from '../helpers/vendorHttp';

const CHATBOTX = 'https://app.chatbotx.io';
const VAMBE = 'https://api.vambe.me';
const HYPERSENDER = 'https://app.hypersender.com';
const CONTACT_ID = contact.id;
const CONTACT_PATH = `/api/v1/contacts/id%3A${CONTACT_ID}`;
const INSTANCE = String(testCredentials.hypersenderApi.instanceId);
const QUEUED_PATH = `/api/whatsapp/v2/${INSTANCE}/queued-requests/${queued.queued_request_uuid}`;
const VAMBE_CONTACT = {
	id: '7a1c9e2b-4d3f-4b8a-9c6d-5e4f3a2b1c0d',
	name: 'Jane Doe',
	phone: '+56912345678',
	email: null,
};

interface Sent {
	method: string;
	path: string;
	body: unknown;
	headers: Record<string, unknown>;
}

let sent: Sent[];
const unmatched = guardUnmatchedRequests();

beforeEach(() => {
	sent = [];
});

/** Answers one request and records it (method, path, body, headers) in the order they came. */
function answer(
	scope: nock.Scope,
	method: 'get' | 'post' | 'put' | 'patch',
	path: string,
	status: number,
	body?: nock.Body,
) {
	scope[method](path).reply(function (uri, requestBody) {
		sent.push({
			method: method.toUpperCase(),
			path: uri,
			body: requestBody === '' ? undefined : requestBody,
			headers: this.req.headers,
		});
		return body === undefined ? [status] : [status, body];
	});
}

function chatbotx(parameters: INodeParameters = {}): INodeParameters {
	return {
		provider: 'chatbotx',
		identifier: 'jane@example.com',
		chatbotxTags: ['11590000000000201', '11590000000000202'],
		chatbotxCustomFields: { field: [{ customFieldId: '11590000000000301', value: 'Gold' }] },
		...parameters,
	};
}

describe('ChatbotX tags and custom fields', () => {
	it('upserts, then sets the custom fields and adds the tags on the contact the upsert returned', async () => {
		const scope = nock(CHATBOTX, {
			reqheaders: { authorization: `Bearer ${SECRETS.chatbotxApi}` },
		});
		answer(scope, 'post', '/api/v1/contacts/email%3Ajane%40example.com/upsert', 200, contact);
		answer(scope, 'patch', `${CONTACT_PATH}/custom-fields`, 204);
		answer(scope, 'post', `${CONTACT_PATH}/tags`, 204);

		const [[item]] = await runNode({ parameters: chatbotx() });

		scope.done();
		expect(sent.map(({ method, path, body }) => ({ method, path, body }))).toStrictEqual([
			{ method: 'POST', path: '/api/v1/contacts/email%3Ajane%40example.com/upsert', body: {} },
			{
				method: 'PATCH',
				path: `${CONTACT_PATH}/custom-fields`,
				body: {
					operations: [{ customFieldId: '11590000000000301', operation: 'set', value: 'Gold' }],
				},
			},
			{
				method: 'POST',
				path: `${CONTACT_PATH}/tags`,
				body: { tagIds: ['11590000000000201', '11590000000000202'] },
			},
		]);
		// One Idempotency-Key per step, so no step is replayed as another.
		const keys = sent.map((request) => request.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
		expect(keys.every((key) => typeof key === 'string' && key.length <= 255)).toBe(true);
		expect(item.json).toStrictEqual({
			provider: 'chatbotx',
			contactId: CONTACT_ID,
			name: 'Jane Doe',
			email: 'jane@example.com',
			phoneNumber: '+56961234567',
		});
	});

	it('sends custom fields as PUT { fields } when the deployment refuses the PATCH route with 405', async () => {
		const scope = nock(CHATBOTX);
		answer(scope, 'post', '/api/v1/contacts/email%3Ajane%40example.com/upsert', 200, contact);
		answer(scope, 'patch', `${CONTACT_PATH}/custom-fields`, 405, { message: 'Method Not Allowed' });
		answer(scope, 'put', `${CONTACT_PATH}/custom-fields`, 204);

		await runNode({ parameters: chatbotx({ chatbotxTags: [] }) });

		scope.done();
		expect(sent.map(({ method, body }) => ({ method, body })).slice(1)).toStrictEqual([
			{
				method: 'PATCH',
				body: {
					operations: [{ customFieldId: '11590000000000301', operation: 'set', value: 'Gold' }],
				},
			},
			{ method: 'PUT', body: { fields: [{ customFieldId: '11590000000000301', value: 'Gold' }] } },
		]);
	});

	it('fails the item with the contact ID and the step when a follow-up is refused, saying a repeat is safe', async () => {
		const scope = nock(CHATBOTX);
		answer(scope, 'post', '/api/v1/contacts/email%3Ajane%40example.com/upsert', 200, contact);
		answer(scope, 'patch', `${CONTACT_PATH}/custom-fields`, 204);
		answer(scope, 'post', `${CONTACT_PATH}/tags`, 422, {
			defined: true,
			code: 'invalidRequestData',
			status: 422,
			message: 'Input validation failed',
			data: { issues: [{ path: ['tagIds', 0], message: 'Invalid tag id' }] },
		});

		const error = await runExpectingError({ parameters: chatbotx() });

		scope.done();
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`ChatbotX saved the contact (ID ${CONTACT_ID}), but the step "add tags" failed: ChatbotX answered 422: Input validation failed: tagIds.0: Invalid tag id`,
		);
		expect(error.description).toContain(
			'The contact itself is saved. Running the item again is safe',
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('outputs the failure as an error item under continue-on-fail, and the other items as usual', async () => {
		const scope = nock(CHATBOTX);
		answer(scope, 'post', '/api/v1/contacts/email%3Ajane%40example.com/upsert', 200, contact);
		answer(scope, 'post', `${CONTACT_PATH}/tags`, 404, {
			defined: true,
			code: 'notFound',
			status: 404,
			message: 'Tag not found',
		});

		const [items] = await runNode({
			parameters: chatbotx({ chatbotxCustomFields: {} }),
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(items).toStrictEqual([
			{
				json: {
					error: `ChatbotX saved the contact (ID ${CONTACT_ID}), but the step "add tags" failed: ChatbotX answered 404: Tag not found`,
					message: expect.stringContaining('Running the item again is safe'),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends nothing after the upsert when neither tags nor custom fields are set', async () => {
		const scope = nock(CHATBOTX);
		answer(scope, 'post', '/api/v1/contacts/email%3Ajane%40example.com/upsert', 200, contact);

		await runNode({ parameters: chatbotx({ chatbotxTags: [], chatbotxCustomFields: {} }) });

		scope.done();
		expect(sent).toHaveLength(1);
		expect(unmatched).toEqual([]);
	});

	it('refuses a tag ID that is not a number before sending anything', async () => {
		const error = await runExpectingError({
			parameters: chatbotx({ chatbotxTags: '={{ "vip, 12" }}' }),
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'"Tag Names or IDs" of item 0: "vip" is not a ChatbotX tag ID (digits only), e.g. 11590944070189001.',
		);
		expect(unmatched).toEqual([]);
	});
});

describe('Vambe tags', () => {
	const vambe = (parameters: INodeParameters = {}): INodeParameters => ({
		provider: 'vambe',
		vambeChannel: 'whatsapp',
		channelPhoneNumber: '+56911112222',
		phoneNumber: '+56912345678',
		...parameters,
	});

	it('replaces the tags of the contact the upsert returned', async () => {
		const scope = nock(VAMBE, { reqheaders: { 'x-api-key': SECRETS.vambeApi } });
		answer(scope, 'post', '/api/public/customer/upsert/info', 201, VAMBE_CONTACT);
		answer(scope, 'patch', `/api/public/contact/tags/${VAMBE_CONTACT.id}`, 200, {
			status: 'success',
			aiContactTagsLength: 2,
		});

		const [[item]] = await runNode({ parameters: vambe({ vambeTags: [11, 12] }) });

		scope.done();
		expect(sent[1].body).toStrictEqual({ tagsIds: [11, 12] });
		expect(item.json.contactId).toBe(VAMBE_CONTACT.id);
	});

	it('leaves the contact’s tags alone when no tags are given', async () => {
		const scope = nock(VAMBE);
		answer(scope, 'post', '/api/public/customer/upsert/info', 201, VAMBE_CONTACT);

		await runNode({ parameters: vambe({ vambeTags: [] }) });

		scope.done();
		expect(sent).toHaveLength(1);
		expect(unmatched).toEqual([]);
	});

	it('names the tag step and Vambe’s reason when the tags are refused', async () => {
		const scope = nock(VAMBE);
		answer(scope, 'post', '/api/public/customer/upsert/info', 201, VAMBE_CONTACT);
		answer(scope, 'patch', `/api/public/contact/tags/${VAMBE_CONTACT.id}`, 400, {
			statusCode: 400,
			message: "Invalid tag IDs or tags don't exist",
			error: 'Bad Request',
		});

		const error = await runExpectingError({ parameters: vambe({ vambeTags: [99] }) });

		expect(error.message).toBe(
			`Vambe saved the contact (ID ${VAMBE_CONTACT.id}), but the step "replace tags" failed: Vambe answered 400: Invalid tag IDs or tags don't exist`,
		);
	});
});

describe('Hypersender queued requests and repeats', () => {
	const hypersender = (options: INodeParameters = {}): INodeParameters => ({
		provider: 'hypersender',
		chatId: '+1 213 213 2131',
		firstName: 'John',
		options,
	});
	const UPSERT = `/api/whatsapp/v2/${INSTANCE}/contacts/upsert`;
	const running = { uuid: queued.queued_request_uuid, response_status: null, response_body: null };
	/** The queued request as Hypersender reports it once it ran: the answer it stored. */
	const finished = (status: number, body: nock.Body) => ({
		...running,
		response_status: status,
		response_body: body,
	});

	it('follows a queued upsert until it finishes and outputs the real result', async () => {
		const scope = nock(HYPERSENDER, {
			reqheaders: { authorization: `Bearer ${SECRETS.hypersenderApi}` },
		});
		answer(scope, 'post', UPSERT, 202, queued);
		answer(scope, 'get', QUEUED_PATH, 200, running);
		answer(scope, 'get', QUEUED_PATH, 200, finished(200, success));

		const [[item]] = await runNode({ parameters: hypersender({ waitForQueuedRequest: true }) });

		scope.done();
		expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([
			`POST ${UPSERT}`,
			`GET ${QUEUED_PATH}`,
			`GET ${QUEUED_PATH}`,
		]);
		expect(item.json).toStrictEqual({
			provider: 'hypersender',
			contactId: '12132132131',
			name: null,
			email: null,
			phoneNumber: null,
		});
	});

	it('outputs what Hypersender stored for the queued request when Simplify is off', async () => {
		const scope = nock(HYPERSENDER);
		answer(scope, 'post', UPSERT, 202, queued);
		answer(scope, 'get', QUEUED_PATH, 200, finished(200, success));

		const [[item]] = await runNode({
			parameters: { ...hypersender({ waitForQueuedRequest: true }), simplify: false },
		});

		scope.done();
		expect(item.json).toStrictEqual(success);
	});

	it("fails the item with Hypersender's reason when the queued request failed", async () => {
		const scope = nock(HYPERSENDER);
		answer(scope, 'post', UPSERT, 202, queued);
		answer(
			scope,
			'get',
			QUEUED_PATH,
			200,
			finished(422, {
				message: 'The chat id field format is invalid.',
				errors: { chat_id: ['The chat id field format is invalid.'] },
			}),
		);

		const error = await runExpectingError({
			parameters: hypersender({ waitForQueuedRequest: true }),
		});

		scope.done();
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`Hypersender queued the request (${queued.queued_request_uuid}), then answered 422: The chat id field format is invalid.`,
		);
	});

	it.each([
		[404, { message: 'Not Found' }, 'Hypersender answered 404: Not Found'],
		[401, { message: 'Unauthenticated.' }, 'Hypersender answered 401: Unauthenticated.'],
		[422, { message: 'Invalid uuid' }, 'Hypersender answered 422: Invalid uuid'],
	])(
		'a read of the queued request answered %i says it was queued, its ID, and that the contact may be saved',
		async (status, body, cause) => {
			const scope = nock(HYPERSENDER);
			answer(scope, 'post', UPSERT, 202, queued);
			answer(scope, 'get', QUEUED_PATH, status, body);

			const error = await runExpectingError({
				parameters: hypersender({ waitForQueuedRequest: true, maxRetries: 0 }),
			});

			scope.done();
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				`Hypersender queued the request (${queued.queued_request_uuid}), but reading its result failed: ${cause}`,
			);
			expect(error.description).toContain('the contact may be saved');
			expect(error.description).toContain(queued.queued_request_uuid);
			expect(error.description).not.toContain('Check the Instance ID');
		},
	);

	it('fails the item when the queued request has not finished within Max Wait for Queued Request', async () => {
		const scope = nock(HYPERSENDER);
		answer(scope, 'post', UPSERT, 202, queued);
		scope.get(QUEUED_PATH).times(10).reply(200, running);

		const error = await runExpectingError({
			parameters: hypersender({ waitForQueuedRequest: true, maxQueuedWait: 1 }),
		});

		expect(error.message).toBe(
			`Hypersender had not finished the queued request ${queued.queued_request_uuid} after 1 s`,
		);
		expect(error.description).toContain('Raise Options → Max Wait for Queued Request');
	});

	it('outputs queued: true without reading the queued request when waiting is off', async () => {
		const scope = nock(HYPERSENDER);
		answer(scope, 'post', UPSERT, 202, queued);

		const [[item]] = await runNode({ parameters: hypersender() });

		scope.done();
		expect(item.json).toMatchObject({
			queued: true,
			queuedRequestId: queued.queued_request_uuid,
		});
		expect(unmatched).toEqual([]);
	});

	it('sends the same upsert Repeat Times more after it succeeded', async () => {
		const scope = nock(HYPERSENDER);
		for (let i = 0; i < 3; i++) answer(scope, 'post', UPSERT, 200, success);

		await runNode({ parameters: hypersender({ repeatTimes: 2, repeatDelay: 0 }) });

		scope.done();
		expect(sent.map((request) => request.body)).toStrictEqual(
			Array.from({ length: 3 }, () => ({ chat_id: '12132132131', first_name: 'John' })),
		);
	});

	it('names the repeat that failed and says the contact is saved', async () => {
		const scope = nock(HYPERSENDER);
		answer(scope, 'post', UPSERT, 200, success);
		answer(scope, 'post', UPSERT, 404, { message: 'Instance not found' });

		const error = await runExpectingError({
			parameters: hypersender({ repeatTimes: 2, repeatDelay: 0 }),
		});

		expect(error.message).toBe(
			'Hypersender saved the contact (ID 12132132131), but the step "repeat 1 of 2" failed: Hypersender answered 404: Instance not found',
		);
	});

	it.each([
		[{ repeatTimes: 6 }, '"Repeat Times" of item 0 must be a whole number from 0 to 5'],
		[
			{ maxQueuedWait: 0 },
			'"Max Wait for Queued Request" of item 0 must be a whole number of seconds from 1 to 600',
		],
		[{ previewOnly: '={{ "maybe" }}' }, '"Preview Only" of item 0 must be true or false'],
	])('refuses the option %j before sending', async (options, message) => {
		const error = await runExpectingError({ parameters: hypersender(options) });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(message);
		expect(unmatched).toEqual([]);
	});
});

describe('Preview Only', () => {
	it('outputs the upsert and every follow-up with {contactId}, sending nothing and no credential', async () => {
		const [items] = await runNode({
			parameters: { ...chatbotx(), options: { previewOnly: true } },
			items: [{}, {}],
		});

		expect(unmatched).toEqual([]);
		expect(items[0].json).toStrictEqual({
			preview: true,
			provider: 'chatbotx',
			requests: [
				{
					step: 'upsert',
					method: 'POST',
					url: 'https://app.chatbotx.io/api/v1/contacts/email%3Ajane%40example.com/upsert',
					body: {},
				},
				{
					step: 'set custom fields',
					method: 'PATCH',
					url: 'https://app.chatbotx.io/api/v1/contacts/id%3A{contactId}/custom-fields',
					body: {
						operations: [{ customFieldId: '11590000000000301', operation: 'set', value: 'Gold' }],
					},
				},
				{
					step: 'set custom fields (alternative form, only if the first is refused with 404 or 405)',
					method: 'PUT',
					url: 'https://app.chatbotx.io/api/v1/contacts/id%3A{contactId}/custom-fields',
					body: { fields: [{ customFieldId: '11590000000000301', value: 'Gold' }] },
				},
				{
					step: 'add tags',
					method: 'POST',
					url: 'https://app.chatbotx.io/api/v1/contacts/id%3A{contactId}/tags',
					body: { tagIds: ['11590000000000201', '11590000000000202'] },
				},
			],
		});
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(JSON.stringify(items)).not.toContain(SECRETS.chatbotxApi);
	});

	it('lists the queued-request read and the repeats for Hypersender', async () => {
		const [[item]] = await runNode({
			parameters: {
				provider: 'hypersender',
				chatId: '+1 213 213 2131',
				firstName: 'John',
				options: { previewOnly: true, waitForQueuedRequest: true, repeatTimes: 1 },
			},
		});

		expect(unmatched).toEqual([]);
		const requests = item.json.requests as Array<Record<string, unknown>>;
		expect(requests.map((request) => [request.step, request.method, request.url])).toEqual([
			['upsert', 'POST', `${HYPERSENDER}/api/whatsapp/v2/${INSTANCE}/contacts/upsert`],
			[
				'wait for queued request (only when the upsert is queued; read until it finishes)',
				'GET',
				`${HYPERSENDER}/api/whatsapp/v2/${INSTANCE}/queued-requests/{queuedRequestId}`,
			],
			['repeat 1 of 1', 'POST', `${HYPERSENDER}/api/whatsapp/v2/${INSTANCE}/contacts/upsert`],
		]);
		expect(requests[0].headers).toEqual({ Accept: 'application/json' });
		expect(JSON.stringify(item)).not.toContain(SECRETS.hypersenderApi);
	});

	it('still fails an invalid item, naming the field', async () => {
		const [items] = await runNode({
			parameters: {
				...chatbotx({ identifier: 'not an identifier!' }),
				options: { previewOnly: true },
			},
			onError: 'continueRegularOutput',
		});
		expect(items[0].json.error).toMatch(/^"Identifier" of item 0: /);
		expect(unmatched).toEqual([]);
	});
});

describe('waits between steps', () => {
	const node = { name: 'Contact Upsert' } as INode;
	const provider = findProvider('hypersender') as Provider<unknown>;

	function context(signal: AbortSignal, clock: FakeClock) {
		return stepContext({
			sender: { node, provider, clock, signal } as unknown as Sender,
			provider,
			connection: { baseUrl: HYPERSENDER, instanceId: INSTANCE },
			limits: { maxRetries: 0, maxRateLimitWaitMs: 0, timeout: 1000 },
			allowance: { limitMs: 0, waitedMs: 0 },
			idempotencyKey: 'run-0',
			itemIndex: 3,
		});
	}

	it('end at once with a cancelled-while-finishing error when the execution is cancelled', async () => {
		const controller = new AbortController();
		const clock = new FakeClock();
		const waiting = context(controller.signal, clock)
			.wait(60_000)
			.then(
				() => undefined,
				(error: unknown) => error,
			);
		await settle();
		controller.abort();
		const error = (await waiting) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The execution was cancelled while Hypersender was finishing this contact',
		);
		expect(error.context.itemIndex).toBe(3);
		expect(clock.now()).toBe(0);
	});
});
