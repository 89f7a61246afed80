'use strict';
/**
 * Builders for the workflows the e2e tests import into n8n:
 *
 *   Manual Trigger → Items (a Code node returning the test's items) → Contact Upsert
 *
 * and, with `onError: 'continueErrorOutput'`, a NoOp on each of Contact Upsert's two outputs
 * ("Succeeded", "Failed") so that both branches show up in the run data n8n prints.
 * Parameters usually map item fields with expressions (`'={{ $json.phone }}'`), the way users wire
 * the node, so every item is read through n8n's own expression engine.
 */

const {
	NODE_TYPE,
	PACKAGE_NAME,
	TOOL_NODE_TYPE,
	node,
} = require('../../../scripts/lib/workflow-nodes');
const { CREDENTIALS } = require('./credentials');

const NODES = {
	trigger: 'Manual Trigger',
	items: 'Items',
	upsert: 'Contact Upsert',
	succeeded: 'Succeeded',
	failed: 'Failed',
};

let sequence = 0;

/** Workflow ids only need to be unique within one n8n user folder. */
function nextWorkflowId() {
	sequence += 1;
	return `e2eWorkflow${String(sequence).padStart(5, '0')}`;
}

function connect(to, outputs = 1) {
	return {
		main: Array.from({ length: outputs }, (_, i) => [{ node: to[i], type: 'main', index: 0 }]),
	};
}

/**
 * @param {object} spec
 * @param {string} spec.name             shown in n8n as "e2e: <name>"
 * @param {object[]} spec.items          the JSON of the items the Code node emits
 * @param {object} spec.parameters       Contact Upsert's parameters
 * @param {{id, name, type}} [spec.credential]  one of lib/credentials.js CREDENTIALS; the
 *                                       sandbox credential of `parameters.provider` when omitted
 * @param {string} [spec.onError]        the node's "On Error" setting, e.g. 'continueErrorOutput'
 */
function upsertWorkflow({
	name,
	items,
	parameters,
	credential = CREDENTIALS[parameters.provider],
	onError,
}) {
	const errorOutput = onError === 'continueErrorOutput';
	const upsert = node(NODES.upsert, NODE_TYPE, 1, [440, 0], parameters, {
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		...(onError ? { onError } : {}),
	});
	const nodes = [
		node(NODES.trigger, 'n8n-nodes-base.manualTrigger', 1, [0, 0]),
		node(NODES.items, 'n8n-nodes-base.code', 2, [220, 0], {
			jsCode: `return ${JSON.stringify(
				items.map((json) => ({ json })),
				null,
				2,
			)};`,
		}),
		upsert,
	];
	const connections = {
		[NODES.trigger]: connect([NODES.items]),
		[NODES.items]: connect([NODES.upsert]),
	};
	if (errorOutput) {
		nodes.push(node(NODES.succeeded, 'n8n-nodes-base.noOp', 1, [660, -100]));
		nodes.push(node(NODES.failed, 'n8n-nodes-base.noOp', 1, [660, 100]));
		connections[NODES.upsert] = connect([NODES.succeeded, NODES.failed], 2);
	}
	return {
		id: nextWorkflowId(),
		name: `e2e: ${name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}

module.exports = { PACKAGE_NAME, NODE_TYPE, TOOL_NODE_TYPE, NODES, upsertWorkflow };
