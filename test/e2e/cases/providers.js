'use strict';
/**
 * Every provider (and every Vambe channel) through a real workflow: what the vendor received, byte
 * for byte where it matters (path encoding, query, auth header, normalized phone numbers), and what
 * the node handed to the next node.
 */
const { received, expectSameRequests } = require('../lib/requests');
const { upsertOutputs } = require('../lib/run-data');
const SEED = require('../lib/seed');
const { upsertWorkflow } = require('../lib/workflows');

const VAMBE_UPSERT_PATH = '/vambe/api/public/customer/upsert/info';

/** The request Vambe's upsert endpoint receives: always a POST with the API key. */
const vambeRequest = (body) => ({
	method: 'POST',
	path: VAMBE_UPSERT_PATH,
	auth: SEED.vambe.apiKey,
	body,
});

/** The item the node hands on for an upserted contact (Simplify on). */
const contactOutput = (provider, contactId, name, email, phoneNumber) => ({
	provider,
	contactId,
	name,
	email,
	phoneNumber,
});

/** A sandbox store's contacts keyed by one of their fields. */
function storedBy(contacts, field) {
	return Object.fromEntries(contacts.map((contact) => [contact[field], contact]));
}

function providerCases(n8n, sandbox) {
	describe('Vambe', () => {
		const whatsappItems = [
			{ name: 'Ana Pérez', email: 'ana@example.com', phone: '9 6123 4567', rut: '12.345.678-5' },
			{
				name: 'Bruno Soto',
				email: 'bruno@example.com',
				phone: '+56 9 8765-4321',
				rut: '9.876.543-2',
			},
		];
		const whatsapp = n8n.workflow(
			upsertWorkflow({
				name: 'Vambe, WhatsApp Business API channel',
				items: whatsappItems,
				parameters: {
					provider: 'vambe',
					vambeChannel: 'whatsapp',
					channelPhoneNumber: SEED.vambe.channelPhoneNumber,
					phoneNumber: '={{ $json.phone }}',
					additionalFields: {
						name: '={{ $json.name }}',
						email: '={{ $json.email }}',
						stageId: SEED.vambe.stageId,
						metadata: '{"source": "n8n e2e"}',
					},
					customFields: { field: [{ key: 'rut', value: '={{ $json.rut }}' }] },
					options: { defaultCountry: 'CL' },
				},
			}),
		);

		test('whatsapp: sends E.164 numbers, names, custom fields and the API key; outputs the contacts', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(whatsapp), whatsappItems.length);

			const body = (name, email, phone, rut) => ({
				channel: 'whatsapp',
				channel_phone_number: '+56911112222',
				contact_phone_number: phone,
				contact_name: name,
				contact_email: email,
				stageId: SEED.vambe.stageId,
				meta_data: { source: 'n8n e2e' },
				custom_field_values: [{ key: 'rut', value: rut }],
			});
			expectSameRequests(received(sandbox, 'vambe'), [
				vambeRequest(body('Ana Pérez', 'ana@example.com', '+56961234567', '12.345.678-5')),
				vambeRequest(body('Bruno Soto', 'bruno@example.com', '+56987654321', '9.876.543-2')),
			]);

			const stored = storedBy(sandbox.contacts('vambe'), 'phone');
			expect(contacts).toEqual([
				contactOutput(
					'vambe',
					stored['+56961234567'].id,
					'Ana Pérez',
					'ana@example.com',
					'+56961234567',
				),
				contactOutput(
					'vambe',
					stored['+56987654321'].id,
					'Bruno Soto',
					'bruno@example.com',
					'+56987654321',
				),
			]);
		});

		const webWhatsappItems = [{ name: 'Carla Díaz', phone: '+56 9 6123 4567' }];
		const webWhatsapp = n8n.workflow(
			upsertWorkflow({
				name: 'Vambe, WhatsApp Web (QR code) channel',
				items: webWhatsappItems,
				parameters: {
					provider: 'vambe',
					vambeChannel: 'web-whatsapp',
					// typed the way it shows on a phone; Vambe gets E.164
					channelPhoneNumber: '+56 9 1111 2222',
					phoneNumber: '={{ $json.phone }}',
					additionalFields: { name: '={{ $json.name }}' },
				},
			}),
		);

		test('web-whatsapp: normalizes the channel number too', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(webWhatsapp), webWhatsappItems.length);
			expect(received(sandbox, 'vambe')).toEqual([
				vambeRequest({
					channel: 'web-whatsapp',
					channel_phone_number: '+56911112222',
					contact_phone_number: '+56961234567',
					contact_name: 'Carla Díaz',
				}),
			]);
			const [stored] = sandbox.contacts('vambe');
			expect(contacts).toEqual([
				contactOutput('vambe', stored.id, 'Carla Díaz', null, '+56961234567'),
			]);
		});

		const webchatItems = [{ userId: 'user-4821', name: 'Diego Rojas', email: 'diego@example.com' }];
		const webchat = n8n.workflow(
			upsertWorkflow({
				name: 'Vambe, webchat channel',
				items: webchatItems,
				parameters: {
					provider: 'vambe',
					vambeChannel: 'webchat',
					webchatChannelId: SEED.vambe.webchatChannelId,
					externalUserId: '={{ $json.userId }}',
					additionalFields: { name: '={{ $json.name }}', email: '={{ $json.email }}' },
				},
			}),
		);

		test('webchat: finds the contact by channel id and external user id; no phone number', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(webchat), webchatItems.length);
			expect(received(sandbox, 'vambe')).toEqual([
				vambeRequest({
					channel: 'webchat',
					channel_id: SEED.vambe.webchatChannelId,
					external_user_id: 'user-4821',
					contact_name: 'Diego Rojas',
					contact_email: 'diego@example.com',
				}),
			]);
			const [stored] = sandbox.contacts('vambe');
			expect(contacts).toEqual([
				contactOutput('vambe', stored.id, 'Diego Rojas', 'diego@example.com', null),
			]);
		});

		const rawItems = [{ phone: '+56 9 6123 4567' }];
		const raw = n8n.workflow(
			upsertWorkflow({
				name: 'Vambe, Simplify off',
				items: rawItems,
				parameters: {
					provider: 'vambe',
					vambeChannel: 'whatsapp',
					channelPhoneNumber: SEED.vambe.channelPhoneNumber,
					phoneNumber: '={{ $json.phone }}',
					simplify: false,
				},
			}),
		);

		test("Simplify off: outputs Vambe's own response instead of the normalized shape", async () => {
			const [contacts] = upsertOutputs(await n8n.execute(raw), rawItems.length);
			const [stored] = sandbox.contacts('vambe');
			// Vambe's documented 201 body, nothing added or taken away.
			expect(contacts).toEqual([
				{
					id: stored.id,
					name: null,
					phone: '+56961234567',
					email: null,
					platform: 'whatsapp',
					client_id: SEED.vambe.clientId,
					ai_customer_id: stored.ai_customer_id,
					created_at: stored.created_at,
					default_stage_id: null,
				},
			]);
		});
	});

	describe('ChatbotX', () => {
		const items = [
			{ identifier: 'Jane.Doe@Example.com', firstName: 'Jane', lastName: 'Doe' },
			{ identifier: '+56 9 6123 4567', firstName: 'Juan', lastName: 'Pérez' },
		];
		const workflow = n8n.workflow(
			upsertWorkflow({
				name: 'ChatbotX',
				items,
				parameters: {
					provider: 'chatbotx',
					identifier: '={{ $json.identifier }}',
					additionalFields: {
						firstName: '={{ $json.firstName }}',
						lastName: '={{ $json.lastName }}',
					},
				},
			}),
		);

		test('prefixes bare identifiers, URL-encodes them into the path and sends a Bearer token', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(workflow), items.length);

			const request = (encodedIdentifier, body) => ({
				method: 'POST',
				path: `/chatbotx/api/v1/contacts/${encodedIdentifier}/upsert`,
				auth: `Bearer ${SEED.chatbotx.accessToken}`,
				body,
			});
			expectSameRequests(received(sandbox, 'chatbotx'), [
				// email:jane.doe@example.com (lower-cased: ChatbotX matches identifiers exactly)
				request('email%3Ajane.doe%40example.com', { firstName: 'Jane', lastName: 'Doe' }),
				// phone:+56961234567, with the + escaped so no server reads it as a space
				request('phone%3A%2B56961234567', { firstName: 'Juan', lastName: 'Pérez' }),
			]);
			// One idempotency key per item, so a retried request cannot apply twice.
			const keys = sandbox
				.requests({ vendor: 'chatbotx' })
				.map((r) => r.headers['idempotency-key']);
			expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
			expect(new Set(keys).size).toBe(2);

			const byEmail = storedBy(sandbox.contacts('chatbotx'), 'email');
			const byPhone = storedBy(sandbox.contacts('chatbotx'), 'phoneNumber');
			expect(contacts).toEqual([
				contactOutput(
					'chatbotx',
					byEmail['jane.doe@example.com'].id,
					'Jane Doe',
					'jane.doe@example.com',
					null,
				),
				contactOutput('chatbotx', byPhone['+56961234567'].id, 'Juan Pérez', null, '+56961234567'),
			]);
		});
	});

	describe('Rampwin', () => {
		const items = [
			{
				phone: '+1 213 555 0142',
				firstName: 'John',
				lastName: 'Doe',
				email: 'john@example.com',
				tags: 'vip, newsletter',
				city: 'Los Angeles',
			},
			{
				phone: '9 8765 4321',
				firstName: 'María',
				lastName: 'González',
				email: 'maria@example.com',
				tags: 'newsletter',
				city: 'Santiago',
			},
		];
		const workflow = n8n.workflow(
			upsertWorkflow({
				name: 'Rampwin',
				items,
				parameters: {
					provider: 'rampwin',
					rampwinChannelId: SEED.rampwin.channelId,
					phoneNumber: '={{ $json.phone }}',
					additionalFields: {
						firstName: '={{ $json.firstName }}',
						lastName: '={{ $json.lastName }}',
						email: '={{ $json.email }}',
						tags: '={{ $json.tags }}',
					},
					customFields: { field: [{ key: 'city', value: '={{ $json.city }}' }] },
					options: { defaultCountry: 'CL' },
				},
			}),
		);

		test('puts the channel in the query, tags in a list and custom fields at the top level', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(workflow), items.length);

			const request = (body) => ({
				method: 'POST',
				path: `/rampwin/api/contacts/insertOrUpdate?channel_id=${SEED.rampwin.channelId}`,
				auth: SEED.rampwin.apiKey,
				body,
			});
			expectSameRequests(received(sandbox, 'rampwin'), [
				request({
					city: 'Los Angeles',
					phone_number: '+12135550142',
					first_name: 'John',
					last_name: 'Doe',
					email: 'john@example.com',
					tags: ['vip', 'newsletter'],
				}),
				request({
					city: 'Santiago',
					phone_number: '+56987654321',
					first_name: 'María',
					last_name: 'González',
					email: 'maria@example.com',
					tags: ['newsletter'],
				}),
			]);

			const stored = storedBy(sandbox.contacts('rampwin'), 'phone_number');
			expect(contacts).toEqual([
				contactOutput(
					'rampwin',
					stored['+12135550142']._id,
					'John Doe',
					'john@example.com',
					'+12135550142',
				),
				contactOutput(
					'rampwin',
					stored['+56987654321']._id,
					'María González',
					'maria@example.com',
					'+56987654321',
				),
			]);
		});
	});

	describe('Hypersender', () => {
		const items = [
			{ chatId: '+56 9 6123 4567', firstName: 'Juan', lastName: 'Pérez' },
			{ chatId: '120363025246125888@lid', firstName: 'Lucía', lastName: 'Vega' },
		];
		const workflow = n8n.workflow(
			upsertWorkflow({
				name: 'Hypersender',
				items,
				parameters: {
					provider: 'hypersender',
					chatId: '={{ $json.chatId }}',
					firstName: '={{ $json.firstName }}',
					additionalFields: { lastName: '={{ $json.lastName }}' },
				},
			}),
		);

		test('sends phone numbers as international digits and WhatsApp ids as given, to the instance path', async () => {
			const [contacts] = upsertOutputs(await n8n.execute(workflow), items.length);

			const request = (body) => ({
				method: 'POST',
				path: `/hypersender/api/whatsapp/v2/${SEED.hypersender.instanceId}/contacts/upsert`,
				auth: `Bearer ${SEED.hypersender.apiToken}`,
				body,
			});
			expectSameRequests(received(sandbox, 'hypersender'), [
				request({ chat_id: '56961234567', first_name: 'Juan', last_name: 'Pérez' }),
				request({ chat_id: '120363025246125888@lid', first_name: 'Lucía', last_name: 'Vega' }),
			]);
			expect(sandbox.contacts('hypersender')).toHaveLength(2);

			// Hypersender answers without an id: the chat id sent is how the contact is addressed.
			const contact = (chatId) => contactOutput('hypersender', chatId, null, null, null);
			expect(contacts).toEqual([contact('56961234567'), contact('120363025246125888@lid')]);
		});
	});
}

module.exports = { providerCases };
