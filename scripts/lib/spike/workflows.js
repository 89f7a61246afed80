'use strict';
/**
 * The workflows a webhook spike hits, each with a production webhook (POST /webhook/<path>,
 * n8n's default "respond immediately"), on the sandbox's ChatbotX:
 *
 *   spike:  Webhook → Contact Upsert        one contact per call, the node's default options
 *   http:   Webhook → HTTP Request          the same request, Retry On Fail at n8n's maximum
 *                                           (5 tries, 5,000 ms apart): the comparison
 *   batch:  Webhook → Contacts (Code) → Contact Upsert   one call, `count` contacts generated
 *
 * A call's body is one contact, { identifier: 'email:…', firstName }; a batch call's body is
 * { prefix, count } and the Code node makes `count` contacts from it.
 */

const { node, chatbotxUpsertNode, chatbotxHttpRequestNode } = require('../workflow-nodes');
const { randomUUID } = require('node:crypto');
const { credentialRefs, credentialRecords: sandboxRecords } = require('../credentials');

const WEBHOOK = 'Webhook';
const CONTACTS = 'Contacts';
/** The node that sends the requests, in every spike workflow. */
const TARGET = 'Target';

// n8n caps Retry On Fail at 5 tries and 5,000 ms between them.
const HTTP_MAX_TRIES = 5;
const HTTP_WAIT_BETWEEN_TRIES_MS = 5000;

const CREDENTIALS = {
	...credentialRefs({ prefix: 'spike', label: 'spike sandbox', vendors: ['chatbotx'] }),
	bearer: { id: 'spikeBearer00001', name: 'ChatbotX token (spike)', type: 'httpBearerAuth' },
	// Another vendor account (another sandbox, so another base URL) for the batch: the node keeps
	// one budget per account in a process, and a spike's learned pace must not carry over to it.
	chatbotxBatch: {
		id: 'spikeChatbotxB01',
		name: 'ChatbotX (batch sandbox)',
		type: 'chatbotxApi',
	},
};

/**
 * Records for `n8n import:credentials`, pointing at `sandbox`, and the batch account's at
 * `batchSandbox` when there is one.
 */
function credentialRecords(sandbox, batchSandbox) {
	const { chatbotx, bearer, chatbotxBatch } = CREDENTIALS;
	const [record] = sandboxRecords(sandbox, { chatbotx });
	const records = [record, { ...bearer, data: { token: record.data.accessToken } }];
	if (batchSandbox) records.push(...sandboxRecords(batchSandbox, { chatbotx: chatbotxBatch }));
	return records;
}

function webhookNode(path) {
	return node(
		WEBHOOK,
		'n8n-nodes-base.webhook',
		2,
		[0, 0],
		{ httpMethod: 'POST', path, options: {} },
		{ webhookId: randomUUID() },
	);
}

/** Contact Upsert on ChatbotX with its default options, fields read from `source`. */
function contactUpsertNode(source, credential = CREDENTIALS.chatbotx) {
	return chatbotxUpsertNode({
		name: TARGET,
		identifier: `={{ ${source}.identifier }}`,
		firstName: `={{ ${source}.firstName }}`,
		credential,
	});
}

function httpRequestNode(baseUrl) {
	return chatbotxHttpRequestNode({
		name: TARGET,
		baseUrl,
		source: '$json.body',
		credential: CREDENTIALS.bearer,
		extra: {
			retryOnFail: true,
			maxTries: HTTP_MAX_TRIES,
			waitBetweenTries: HTTP_WAIT_BETWEEN_TRIES_MS,
		},
	});
}

function contactsNode() {
	const jsCode = [
		'const { prefix, count } = $input.first().json.body;',
		'const items = new Array(count);',
		'for (let i = 0; i < count; i++) {',
		'  items[i] = { json: { identifier: `email:${prefix}-${i}@example.com`, firstName: `Contact ${i}` } };',
		'}',
		'return items;',
	].join('\n');
	return node(CONTACTS, 'n8n-nodes-base.code', 2, [220, 0], { jsCode });
}

function chain(names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function workflow(id, name, nodes) {
	return {
		id,
		name: `spike: ${name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: chain(nodes.map((entry) => entry.name)),
	};
}

/**
 * A spike workflow. `kind`: 'upsert' (Contact Upsert), 'http' (HTTP Request, needs `sandbox`)
 * or 'batch' (Code → Contact Upsert, on the batch account: see credentialRecords). `id` is the
 * workflow id (16 characters) and the webhook path.
 */
function spikeWorkflow(kind, id, sandbox) {
	if (kind === 'upsert') {
		return workflow(id, 'Webhook → Contact Upsert', [
			webhookNode(id),
			contactUpsertNode('$json.body'),
		]);
	}
	if (kind === 'http') {
		const { baseUrl } = sandbox.credentials().chatbotx;
		return workflow(id, 'Webhook → HTTP Request (Retry On Fail)', [
			webhookNode(id),
			httpRequestNode(baseUrl),
		]);
	}
	if (kind === 'batch') {
		return workflow(id, 'Webhook → Contacts (Code) → Contact Upsert', [
			webhookNode(id),
			contactsNode(),
			contactUpsertNode('$json', CREDENTIALS.chatbotxBatch),
		]);
	}
	throw new Error(`unknown spike workflow kind "${kind}"`);
}

/** The webhook path of a spike workflow. */
function webhookPath(spike) {
	return spike.nodes.find((entry) => entry.name === WEBHOOK).parameters.path;
}

/** `count` contacts for one spike: { identifier, firstName }, identifiers unique to `tag`. */
function spikeContacts(tag, count) {
	return Array.from({ length: count }, (_, i) => ({
		identifier: `email:${tag}-${i}@example.com`,
		firstName: `Contact ${i}`,
	}));
}

module.exports = {
	TARGET,
	CREDENTIALS,
	HTTP_MAX_TRIES,
	HTTP_WAIT_BETWEEN_TRIES_MS,
	credentialRecords,
	spikeWorkflow,
	webhookPath,
	spikeContacts,
};
