'use strict';
/**
 * The workflow the community-install test saves for each installed package, as a user would
 * build it in the editor: Webhook (POST, answers with the last node's output) → the package's
 * node, upserting the contact in the request body with a saved credential. Also what the sandbox
 * must then hold, per provider.
 */
const { node } = require('../../../scripts/lib/workflow-nodes');
const SEED = require('./seed');

/** Per sandbox vendor: the node's parameters for one contact `{ phone, firstName }`, and the stored record. */
const PROVIDERS = {
	hypersender: {
		parameters: { chatId: '={{ $json.body.phone }}', firstName: '={{ $json.body.firstName }}' },
		stored: ({ phone, firstName }) => ({
			chat_id: phone.replace(/\D/g, ''),
			first_name: firstName,
		}),
	},
	vambe: {
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: SEED.vambe.channelPhoneNumber,
			phoneNumber: '={{ $json.body.phone }}',
			additionalFields: { name: '={{ $json.body.firstName }}' },
		},
		stored: ({ phone, firstName }) => ({ phone, name: firstName }),
	},
	rampwin: {
		parameters: {
			rampwinChannelId: SEED.rampwin.channelId,
			phoneNumber: '={{ $json.body.phone }}',
			additionalFields: { firstName: '={{ $json.body.firstName }}' },
		},
		stored: ({ phone, firstName }) => ({ phone_number: phone, first_name: firstName }),
	},
};

function provider(pkg) {
	const spec = PROVIDERS[pkg.provider];
	if (!spec) throw new Error(`no install workflow for provider "${pkg.provider}"`);
	return spec;
}

/**
 * The workflow record for POST /rest/workflows: Webhook on `webhookPath` → `pkg`'s node using
 * `credential` ({ id, name } of a saved credential of pkg.credentialType).
 */
function webhookWorkflow(pkg, { name, webhookPath, credential }) {
	const parameters = {
		...(pkg.providerParameter ? { provider: pkg.provider } : {}),
		operation: 'upsert',
		...provider(pkg).parameters,
	};
	const nodes = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, [0, 0], {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'lastNode',
		}),
		node('Upsert', pkg.nodeType, 1, [220, 0], parameters, {
			credentials: { [pkg.credentialType]: { id: credential.id, name: credential.name } },
		}),
	];
	nodes[0].webhookId = webhookPath;
	return {
		name,
		active: false, // 1.x stores what it is given, and its column may not be empty
		nodes,
		connections: { Webhook: { main: [[{ node: 'Upsert', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** What the sandbox stores for `contact` (a subset of the record, for toMatchObject). */
function storedContact(pkg, contact) {
	return provider(pkg).stored(contact);
}

/** The credential data for pkg.credentialType, pointing at the sandbox (`sandboxInfo`: its info()). */
function credentialData(pkg, sandboxInfo) {
	return sandboxInfo.credentials[pkg.provider];
}

module.exports = { webhookWorkflow, storedContact, credentialData };
