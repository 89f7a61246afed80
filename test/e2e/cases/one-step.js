'use strict';
/**
 * The steps after the upsert, in real n8n: ChatbotX tags and custom fields and Vambe tags sent to
 * the contact the upsert returned, Hypersender's queued answer followed to its result (or its
 * failure), repeats, and a preview that sends nothing.
 */
const { upsertOutputs } = require('../lib/run-data');
const SEED = require('../lib/seed');
const { upsertWorkflow } = require('../lib/workflows');

const VIP = '11590000000000201';
const LEAD = '11590000000000202';
const PLAN = '11590000000000301';
const SCORE = '11590000000000302';
const HYPERSENDER_BASE = `/hypersender/api/whatsapp/v2/${SEED.hypersender.instanceId}`;

/** What a vendor received, as `METHOD path` lines, in arrival order. */
function lines(sandbox, vendor) {
	return sandbox.requests({ vendor }).map((request) => `${request.method} ${request.path}`);
}

function oneStepCases(n8n, sandbox) {
	describe('one step: follow-ups, queued results, preview', () => {
		const chatbotxItems = [
			{ email: 'ana@example.com', plan: 'Gold', score: 7 },
			{ email: 'bruno@example.com', plan: 'Silver', score: 3 },
		];
		const chatbotxParameters = {
			provider: 'chatbotx',
			identifier: '={{ $json.email }}',
			chatbotxTags: [VIP, LEAD],
			chatbotxCustomFields: {
				field: [
					{ customFieldId: PLAN, value: '={{ $json.plan }}' },
					{ customFieldId: SCORE, value: '={{ $json.score }}' },
				],
			},
			options: { concurrency: 1 },
		};
		const chatbotx = n8n.workflow(
			upsertWorkflow({
				name: 'ChatbotX, tags and custom fields',
				items: chatbotxItems,
				parameters: chatbotxParameters,
			}),
		);
		const preview = n8n.workflow(
			upsertWorkflow({
				name: 'ChatbotX, preview only',
				items: chatbotxItems,
				parameters: { ...chatbotxParameters, options: { previewOnly: true } },
			}),
		);

		test('ChatbotX: upsert, then custom fields, then tags on the returned contact', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(chatbotx), chatbotxItems.length);

			const stored = sandbox.contacts('chatbotx');
			expect(stored.map((contact) => contact.email)).toEqual([
				'ana@example.com',
				'bruno@example.com',
			]);
			// In order for each contact; other items' requests may come in between.
			const received = lines(sandbox, 'chatbotx');
			for (const contact of stored) {
				const upsert = `POST /chatbotx/api/v1/contacts/email%3A${encodeURIComponent(contact.email)}/upsert`;
				const byId = `/chatbotx/api/v1/contacts/id%3A${contact.id}/`;
				expect(received.filter((line) => line === upsert || line.includes(byId))).toEqual([
					upsert,
					`PATCH ${byId}custom-fields`,
					`POST ${byId}tags`,
				]);
			}
			expect(received).toHaveLength(6);
			expect(stored.map((contact) => contact.tags.map((tag) => tag.name))).toEqual([
				['VIP', 'Lead'],
				['VIP', 'Lead'],
			]);
			expect(stored.map((contact) => contact.contactCustomFields)).toEqual([
				[
					{ customFieldId: PLAN, value: 'Gold' },
					{ customFieldId: SCORE, value: '7' },
				],
				[
					{ customFieldId: PLAN, value: 'Silver' },
					{ customFieldId: SCORE, value: '3' },
				],
			]);
			const keys = sandbox
				.requests({ vendor: 'chatbotx' })
				.map((r) => r.headers['idempotency-key']);
			expect(new Set(keys).size).toBe(6);
			expect(contacts.map((contact) => contact.contactId)).toEqual(stored.map((c) => c.id));
		});

		test('ChatbotX: without the PATCH route, custom fields go as PUT { fields }', async () => {
			sandbox.configure({ chatbotx: { customFieldRoutes: ['put'] } });
			upsertOutputs(await n8n.execute(chatbotx), chatbotxItems.length);

			for (const contact of sandbox.contacts('chatbotx')) {
				const answers = sandbox
					.requests({ vendor: 'chatbotx' })
					.filter((request) => request.path.endsWith(`id%3A${contact.id}/custom-fields`))
					.map((request) => [request.method, request.status]);
				expect(answers).toEqual([
					['PATCH', 404],
					['PUT', 204],
				]);
			}
			expect(sandbox.contacts('chatbotx')[0].contactCustomFields).toEqual([
				{ customFieldId: PLAN, value: 'Gold' },
				{ customFieldId: SCORE, value: '7' },
			]);
		});

		test('Preview Only: outputs every request with {contactId} and sends nothing', async () => {
			const [previews] = upsertOutputs(await n8n.execute(preview), chatbotxItems.length);

			expect(sandbox.requests()).toEqual([]);
			expect(
				previews[1].requests.map((request) => [request.step, request.method, request.url]),
			).toEqual([
				[
					'upsert',
					'POST',
					`${sandbox.url}/chatbotx/api/v1/contacts/email%3Abruno%40example.com/upsert`,
				],
				[
					'set custom fields',
					'PATCH',
					`${sandbox.url}/chatbotx/api/v1/contacts/id%3A{contactId}/custom-fields`,
				],
				[
					'set custom fields (alternative form, only if the first is refused with 404 or 405)',
					'PUT',
					`${sandbox.url}/chatbotx/api/v1/contacts/id%3A{contactId}/custom-fields`,
				],
				['add tags', 'POST', `${sandbox.url}/chatbotx/api/v1/contacts/id%3A{contactId}/tags`],
			]);
			expect(previews[1].requests[1].body).toEqual({
				operations: [
					{ customFieldId: PLAN, operation: 'set', value: 'Silver' },
					{ customFieldId: SCORE, operation: 'set', value: '3' },
				],
			});
			expect(JSON.stringify(previews)).not.toContain(SEED.chatbotx.accessToken);
		});

		const vambe = n8n.workflow(
			upsertWorkflow({
				name: 'Vambe, tags',
				items: [{ phone: '+56 9 6123 4567' }],
				parameters: {
					provider: 'vambe',
					vambeChannel: 'whatsapp',
					channelPhoneNumber: SEED.vambe.channelPhoneNumber,
					phoneNumber: '={{ $json.phone }}',
					vambeTags: [11, 12],
				},
			}),
		);

		test('Vambe: replaces the tags of the contact the upsert returned', async () => {
			const [[contact]] = upsertOutputs(await n8n.execute(vambe), 1);

			const [stored] = sandbox.contacts('vambe');
			expect(contact.contactId).toBe(stored.id);
			expect(stored.tag_ids).toEqual([11, 12]);
			expect(sandbox.requests({ vendor: 'vambe' }).map((r) => [r.method, r.path, r.body])).toEqual([
				['POST', '/vambe/api/public/customer/upsert/info', expect.any(Object)],
				['PATCH', `/vambe/api/public/contact/tags/${stored.id}`, { tagsIds: [11, 12] }],
			]);
		});

		const hypersenderItems = [{ phone: '+1 213 213 2131', name: 'John' }];
		const hypersender = (name, options, onError) =>
			n8n.workflow(
				upsertWorkflow({
					name,
					items: hypersenderItems,
					onError,
					parameters: {
						provider: 'hypersender',
						chatId: '={{ $json.phone }}',
						firstName: '={{ $json.name }}',
						options,
					},
				}),
			);
		const waiting = hypersender('Hypersender, wait for queued request', {
			waitForQueuedRequest: true,
			maxQueuedWait: 60,
		});
		const waitingOnError = hypersender(
			'Hypersender, failed queued request',
			{ waitForQueuedRequest: true },
			'continueRegularOutput',
		);
		const repeating = hypersender('Hypersender, repeats', { repeatTimes: 2, repeatDelay: 0 });

		test('Hypersender: follows a queued upsert through two unfinished reads to its result', async () => {
			sandbox.configure({ hypersender: { queued: { polls: 2 } } });
			const [[contact]] = upsertOutputs(await n8n.execute(waiting), 1);

			const requests = lines(sandbox, 'hypersender');
			expect(requests[0]).toBe(`POST ${HYPERSENDER_BASE}/contacts/upsert`);
			expect(requests.slice(1)).toEqual(
				Array.from({ length: 3 }, () =>
					expect.stringMatching(
						new RegExp(`^GET ${HYPERSENDER_BASE}/queued-requests/[0-9a-f-]{36}$`),
					),
				),
			);
			expect(contact).toEqual({
				provider: 'hypersender',
				contactId: '12132132131',
				name: null,
				email: null,
				phoneNumber: null,
			});
			expect(sandbox.contacts('hypersender')).toHaveLength(1);
		});

		test("Hypersender: a failed queued request fails the item with Hypersender's reason", async () => {
			sandbox.configure({
				hypersender: {
					queued: { fail: { status: 422, message: 'The chat id field format is invalid.' } },
				},
			});
			const [[failed]] = upsertOutputs(await n8n.execute(waitingOnError), 1);

			expect(failed.error).toMatch(
				/^Hypersender queued the request \([0-9a-f-]{36}\), then answered 422: The chat id field format is invalid\.$/,
			);
			expect(sandbox.contacts('hypersender')).toEqual([]);
		});

		test('Hypersender: Repeat Times sends the same upsert again', async () => {
			upsertOutputs(await n8n.execute(repeating), 1);

			const bodies = sandbox.requests({ vendor: 'hypersender' }).map((request) => request.body);
			expect(bodies).toEqual(
				Array.from({ length: 3 }, () => ({ chat_id: '12132132131', first_name: 'John' })),
			);
			expect(sandbox.contacts('hypersender')[0].upsert_count).toBe(3);
		});
	});
}

module.exports = { oneStepCases };
