'use strict';
/**
 * The workflows the benchmark runs. Each is
 *
 *   Manual Trigger → Items (Code: generates N items inside n8n) → <node under test>
 *
 * where the node under test is Contact Upsert (ChatbotX), n8n's HTTP Request node sending the same
 * requests, the benchmark-only HTTP Helper Only node (the same requests through the same n8n
 * helper as Contact Upsert, nothing else), or a No Operation node (the baseline that measures
 * everything but the requests).
 * Every item is { identifier: 'email:user<i>@example.com', firstName: 'User <i>' }.
 */

const { node, chatbotxUpsertNode, chatbotxHttpRequestNode } = require('../lib/workflow-nodes');
const { credentialRefs, credentialRecords: sandboxRecords } = require('../lib/credentials');

/** The benchmark-only node of scripts/bench/baseline (n8n's HTTP helper and nothing else). */
const HELPER_ONLY_NODE_TYPE = 'n8n-nodes-bench-baseline.httpHelperOnly';

/** The name of the node under test in every workflow (its run data is what is measured). */
const TARGET = 'Target';
const ITEMS = 'Items';

const CREDENTIALS = {
	...credentialRefs({ prefix: 'bench', label: 'bench sandbox', vendors: ['chatbotx'] }),
	bearer: { id: 'benchBearer00001', name: 'ChatbotX token (bench)', type: 'httpBearerAuth' },
};

/** Credential records for `n8n import:credentials`, pointing at the sandbox. */
function credentialRecords(sandbox) {
	const { chatbotx, bearer } = CREDENTIALS;
	const [record] = sandboxRecords(sandbox, { chatbotx });
	return [record, { ...bearer, data: { token: record.data.accessToken } }];
}

/** A Code node that builds the items in n8n, so no large JSON crosses the command line. */
function itemsNode(count) {
	const jsCode = [
		`const count = ${Number(count)};`,
		'const items = new Array(count);',
		'for (let i = 0; i < count; i++) {',
		'  items[i] = { json: { identifier: `email:user${i}@example.com`, firstName: `User ${i}` } };',
		'}',
		'return items;',
	].join('\n');
	return node(ITEMS, 'n8n-nodes-base.code', 2, [220, 0], { jsCode });
}

/**
 * `={{ $json.identifier }}` is read from the item directly by the node (its field-reference
 * shortcut, nodes/engine/parameters.ts); `={{ ($json.identifier) }}` means the same but is not a
 * plain reference, so n8n's expression engine resolves it for every item. `throughN8n` measures
 * the node without its shortcut, and changes nothing else.
 */
function fieldMapping(field, throughN8n) {
	return throughN8n ? `={{ ($json.${field}) }}` : `={{ $json.${field} }}`;
}

function contactUpsertNode({ concurrency, throughN8n = false }) {
	return chatbotxUpsertNode({
		name: TARGET,
		identifier: fieldMapping('identifier', throughN8n),
		firstName: fieldMapping('firstName', throughN8n),
		options: { concurrency },
		credential: CREDENTIALS.chatbotx,
	});
}

/**
 * n8n's HTTP Request node doing what Contact Upsert does for ChatbotX: POST
 * {base}/v1/contacts/{encoded identifier}/upsert, Bearer token, JSON body. Batching
 * (`batchSize` items, then `batchInterval` ms) is the node's own option for bulk requests;
 * `onError`/`retryOnFail` are the node settings a user picks to count failures.
 */
function httpRequestNode({ sandbox, batchSize, batchInterval, onError, retryOnFail }) {
	const extra = {};
	if (onError) extra.onError = onError;
	if (retryOnFail) extra.retryOnFail = true; // n8n's defaults: 3 tries, 1000 ms apart
	return chatbotxHttpRequestNode({
		name: TARGET,
		baseUrl: sandbox.credentials().chatbotx.baseUrl,
		source: '$json',
		credential: CREDENTIALS.bearer,
		options: { batching: { batch: { batchSize, batchInterval } } },
		extra,
	});
}

/** The same requests through n8n's HTTP helper only, with `concurrency` in flight. */
function helperOnlyNode({ sandbox, concurrency }) {
	const { baseUrl } = sandbox.credentials().chatbotx;
	return node(
		TARGET,
		HELPER_ONLY_NODE_TYPE,
		1,
		[440, 0],
		{ baseUrl, concurrency },
		{
			credentials: { httpBearerAuth: { id: CREDENTIALS.bearer.id, name: CREDENTIALS.bearer.name } },
		},
	);
}

function noOpNode() {
	return node(TARGET, 'n8n-nodes-base.noOp', 1, [440, 0]);
}

/**
 * @param {string} id        workflow id (unique in the user folder)
 * @param {number} count     items the Code node generates
 * @param {object} target    the node under test (named TARGET)
 */
function benchWorkflow(id, name, count, target) {
	return {
		id,
		name: `bench: ${name}`,
		active: false,
		settings: { executionOrder: 'v1', saveManualExecutions: false },
		nodes: [
			node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, [0, 0]),
			itemsNode(count),
			target,
		],
		connections: {
			'Manual Trigger': { main: [[{ node: ITEMS, type: 'main', index: 0 }]] },
			[ITEMS]: { main: [[{ node: TARGET, type: 'main', index: 0 }]] },
		},
	};
}

module.exports = {
	TARGET,
	ITEMS,
	CREDENTIALS,
	credentialRecords,
	contactUpsertNode,
	httpRequestNode,
	helperOnlyNode,
	noOpNode,
	benchWorkflow,
};
