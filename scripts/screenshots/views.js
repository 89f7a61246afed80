'use strict';
/**
 * The views `npm run screenshots` captures: one small workflow each (Manual Trigger → Contact
 * Upsert, filled in with example values) and what to do once the editor shows it.
 *
 *   file      docs/screenshots/<file> (n8n 1.x) and docs/screenshots/v2/<file> (n8n 2.x)
 *   open      'node': open the Contact Upsert node's panel; 'canvas': the canvas only;
 *             'new-node': add a Contact Upsert node with the node creator (provider-choice.js)
 *   action    'stage-dropdown': open the Stage list of the node panel;
 *             'create-credential': click "Create new credential" and check the modal's type
 *   nodeName  the node to open when it is not Contact Upsert (a single-service node)
 *   credential  the credential the node panel must show
 *   expect    labels the node panel must show (checked before the screenshot is taken)
 *   absent    labels it must not show (fields of another provider or channel)
 *   credentials 'none': taken after the saved credentials are deleted (as on a new n8n)
 *   provider, credentialType, choose   (new-node) the Provider the panel must show, the
 *             credential type it must ask for, and whether to pick that Provider first
 *   viewport  another window size than the default
 *   nodeTexts (canvas) texts besides its name each node must show readably
 *
 * The credential ids are the fixed sandbox ids of scripts/lib/credentials.js. The file is over
 * 300 lines because it is the list itself (one entry per screenshot, most of it example values):
 * split up, a view's values would no longer sit next to what is checked on its panel.
 */

const { NODE_TYPE } = require('../lib/workflow-nodes');
const { SANDBOX_CREDENTIALS } = require('../lib/credentials');
const { readExample } = require('../lib/workspace');

const NODE_NAME = 'Contact Upsert';

// Seeded in sandbox/vendors/vambe.js (see sandbox/README.md).
const VAMBE = {
	channelPhoneNumber: '+56 9 1111 2222',
	webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
	stage: { id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'Ventas › Calificado' },
	agent: {
		id: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80',
		name: 'Ana Pérez',
	},
};

function credentialFor(provider) {
	const credential = SANDBOX_CREDENTIALS[provider];
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

function locator(value, cachedResultName) {
	return value
		? { __rl: true, mode: 'list', value, cachedResultName }
		: { __rl: true, mode: 'list', value: '' };
}

/** A Contact Upsert node; `id` doubles as the node id in the editor URL. */
function upsertNode({ id, name = NODE_NAME, position = [220, 0], provider, parameters }) {
	return {
		id,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { provider, operation: 'upsert', ...parameters },
		credentials: credentialFor(provider),
	};
}

/**
 * The same node from the provider's single-service package (`n8n-nodes-<provider>`): Contact
 * Upsert's parameters without `provider`, under the service's name.
 */
function vendorNode({ id, provider, name, parameters }) {
	const node = upsertNode({ id, name, provider, parameters });
	delete node.parameters.provider;
	return { ...node, type: `n8n-nodes-${provider}.${provider}` };
}

/**
 * A view of one node's panel (`open: 'node'`): Manual Trigger → Contact Upsert (or, with
 * `nodeName`, the provider's single-service node) with `parameters` for `provider`, in workflow
 * `shot` named `title`; the panel must show the provider's sandbox credential. The other keys
 * (expect, absent, action, …) are the view's own.
 */
function upsertView({ provider, nodeId, shot, title, parameters, ...view }) {
	const node = (id) =>
		view.nodeName
			? vendorNode({ id, provider, name: view.nodeName, parameters })
			: upsertNode({ id, provider, parameters });
	return {
		...view,
		open: 'node',
		credential: SANDBOX_CREDENTIALS[provider].name,
		nodeId,
		workflow: (id) => workflow(shot, title, [node(id)]),
	};
}

/** Manual Trigger → the given Contact Upsert nodes (none: the trigger alone). */
function workflow(id, name, upsertNodes) {
	const trigger = {
		id: `${id}-trigger`,
		name: 'When clicking ‘Execute workflow’',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, ...upsertNodes],
		connections: upsertNodes.length
			? {
					[trigger.name]: {
						main: [upsertNodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))],
					},
				}
			: {},
		pinData: {},
	};
}

const VAMBE_PHONE_FIELDS = ['Channel Phone Number or ID', 'Contact Phone Number'];
const VAMBE_WEBCHAT_FIELDS = ['Webchat Channel ID', 'External User ID'];

const views = [
	upsertView({
		file: 'vambe-node.png',
		provider: 'vambe',
		nodeName: 'Vambe',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000010',
		shot: 'shotVambeNode001',
		title: 'Vambe node (n8n-nodes-vambe): upsert a WhatsApp lead',
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: VAMBE.channelPhoneNumber,
			phoneNumber: '5215512345678@s.whatsapp.net',
			additionalFields: { name: 'Ana Rojas', email: 'ana.rojas@example.com' },
		},
		expect: ['Channel', ...VAMBE_PHONE_FIELDS, 'Additional Fields'],
		absent: ['Provider', ...VAMBE_WEBCHAT_FIELDS],
	}),
	upsertView({
		file: 'vambe-whatsapp.png',
		provider: 'vambe',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000001',
		shot: 'shotVambeWa00001',
		title: 'Vambe: upsert a WhatsApp lead',
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: VAMBE.channelPhoneNumber,
			phoneNumber: '+56 9 8765 4321',
			additionalFields: {
				name: 'Ana Rojas',
				email: 'ana.rojas@example.com',
				stageId: locator(VAMBE.stage.id, VAMBE.stage.name),
			},
			customFields: {
				field: [
					{ key: 'rut', value: '12.345.678-5' },
					{ key: 'company_name', value: 'Rojas Ltda.' },
				],
			},
			options: { defaultCountry: 'CL' },
		},
		expect: ['Channel', ...VAMBE_PHONE_FIELDS, 'Additional Fields'],
		absent: VAMBE_WEBCHAT_FIELDS,
	}),
	upsertView({
		file: 'vambe-web-whatsapp.png',
		provider: 'vambe',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000002',
		shot: 'shotVambeWeb0001',
		title: 'Vambe: upsert a WhatsApp Web contact',
		parameters: {
			vambeChannel: 'web-whatsapp',
			channelPhoneNumber: VAMBE.channelPhoneNumber,
			phoneNumber: '(9) 7654-3210',
			additionalFields: {
				name: 'Bruno Díaz',
				agentId: locator(VAMBE.agent.id, VAMBE.agent.name),
			},
			options: { defaultCountry: 'CL' },
		},
		expect: ['Channel', ...VAMBE_PHONE_FIELDS, 'Additional Fields'],
		absent: VAMBE_WEBCHAT_FIELDS,
	}),
	upsertView({
		file: 'vambe-webchat.png',
		provider: 'vambe',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000003',
		shot: 'shotVambeChat001',
		title: 'Vambe: upsert a website chat user',
		parameters: {
			vambeChannel: 'webchat',
			webchatChannelId: VAMBE.webchatChannelId,
			externalUserId: 'user-4821',
			additionalFields: {
				name: 'Carla Méndez',
				email: 'carla.mendez@example.com',
				metadata: '{\n  "source": "website",\n  "plan": "pro"\n}',
			},
		},
		expect: ['Channel', ...VAMBE_WEBCHAT_FIELDS, 'Additional Fields'],
		absent: VAMBE_PHONE_FIELDS,
	}),
	upsertView({
		file: 'chatbotx.png',
		provider: 'chatbotx',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000004',
		shot: 'shotChatbotx0001',
		title: 'ChatbotX: upsert a contact by e-mail',
		parameters: {
			identifier: 'email:jane@example.com',
			additionalFields: {
				firstName: 'Jane',
				lastName: 'Doe',
				phoneNumber: '+56 9 5555 1234',
				gender: 'female',
			},
		},
		expect: ['Identifier', 'Additional Fields'],
		absent: ['Channel', ...VAMBE_PHONE_FIELDS, 'Chat ID'],
	}),
	upsertView({
		// Tags and custom fields in the same step, picked from lists loaded from the sandbox's
		// workspace (sandbox/vendors/chatbotx.js seeds them).
		file: 'chatbotx-tags-custom-fields.png',
		provider: 'chatbotx',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000009',
		shot: 'shotChatbotxTags',
		title: 'ChatbotX: upsert, tag and fill custom fields',
		parameters: {
			identifier: 'email:jane@example.com',
			chatbotxCustomFields: {
				field: [
					{ customFieldId: '11590000000000301', value: 'Gold' },
					{ customFieldId: '11590000000000302', value: '87' },
				],
			},
			chatbotxTags: ['11590000000000201', '11590000000000202'],
		},
		expect: ['Identifier', 'Contact Custom Fields', 'Tag Names or IDs'],
		absent: ['Channel', ...VAMBE_PHONE_FIELDS, 'Chat ID'],
	}),
	upsertView({
		file: 'rampwin.png',
		provider: 'rampwin',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000005',
		shot: 'shotRampwin00001',
		title: 'Rampwin: upsert a WhatsApp contact',
		parameters: {
			rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
			phoneNumber: '+1 (213) 555-0142',
			additionalFields: {
				firstName: 'Ignacio',
				lastName: 'Vega',
				email: 'ignacio.vega@example.com',
				tags: 'vip, newsletter',
			},
			customFields: { field: [{ key: 'city', value: 'Santiago' }] },
		},
		expect: ['Channel ID', 'Phone Number', 'Additional Fields', 'Custom Fields'],
		absent: ['Identifier', 'Chat ID', ...VAMBE_PHONE_FIELDS],
	}),
	upsertView({
		file: 'hypersender.png',
		provider: 'hypersender',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000006',
		shot: 'shotHypersend001',
		title: 'Hypersender: save a WhatsApp contact',
		parameters: {
			chatId: '+56 9 7777 1234',
			firstName: 'Martina',
			additionalFields: { lastName: 'Silva' },
		},
		expect: ['Chat ID', 'First Name', 'Additional Fields'],
		absent: ['Identifier', 'Channel ID', ...VAMBE_PHONE_FIELDS],
	}),
	upsertView({
		file: 'vambe-stage-dropdown.png',
		provider: 'vambe',
		action: 'stage-dropdown',
		nodeId: 'a0c1e3f0-0000-4000-8000-000000000007',
		shot: 'shotVambeStage01',
		title: 'Vambe: pick a pipeline stage',
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: VAMBE.channelPhoneNumber,
			phoneNumber: '+56 9 8765 4321',
			additionalFields: { name: 'Ana Rojas', stageId: locator('') },
		},
		expect: ['Channel', ...VAMBE_PHONE_FIELDS, 'Stage'],
		absent: VAMBE_WEBCHAT_FIELDS,
		// The sandbox's seeded stages, as searchVambeStages lists them.
		listed: ['Ventas › Nuevo lead', 'Ventas › Calificado', 'Ventas › Cliente'],
	}),
	{
		file: 'canvas.png',
		open: 'canvas',
		// The demo `npm run demo` runs, as `npm start` shows it; big enough to read its notes.
		workflow: () => readExample('demo-sync.workflow.json'),
		viewport: { width: 1600, height: 1200 },
		nodeTexts: {
			'Upsert to Vambe': ['Vambe · WhatsApp'],
			'Upsert to ChatbotX': ['ChatbotX'],
			'Upsert to Rampwin': ['Rampwin'],
			'Upsert to Hypersender': ['Hypersender'],
			'Route by provider': ['Vambe', 'ChatbotX', 'Rampwin', 'Hypersender', 'Unknown'],
		},
	},
	// The provider choice on an n8n with no credentials yet: a new node, its credential modal.
	{
		file: 'provider-choice-new-node.png',
		open: 'new-node',
		credentials: 'none',
		provider: 'Vambe',
		credentialType: 'Vambe API',
		workflow: () => workflow('shotNewNode00001', 'Add a Contact Upsert node', []),
	},
	{
		file: 'provider-choice-vambe-credential.png',
		open: 'new-node',
		action: 'create-credential',
		credentials: 'none',
		provider: 'Vambe',
		credentialType: 'Vambe API',
		workflow: () => workflow('shotNewCredVambe', 'Create a Vambe credential', []),
	},
	{
		file: 'provider-choice-hypersender-credential.png',
		open: 'new-node',
		action: 'create-credential',
		credentials: 'none',
		provider: 'Hypersender',
		choose: true,
		credentialType: 'Hypersender API',
		workflow: () => workflow('shotNewCredHyper', 'Create a Hypersender credential', []),
	},
];

for (const view of views) view.workflowJson = view.workflow(view.nodeId);

module.exports = { views, NODE_NAME, NODE_TYPE };
