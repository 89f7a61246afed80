'use strict';
/**
 * What every workflow the scripts and tests build for n8n shares: the node's type as installed
 * from the package, a node record with a fresh id, and Contact Upsert on ChatbotX.
 */
const { randomUUID } = require('node:crypto');

const PACKAGE_NAME = 'n8n-nodes-contact-upsert';
/** Contact Upsert as n8n knows it once the package is installed. */
const NODE_TYPE = `${PACKAGE_NAME}.contactUpsert`;
/** Its AI-tool variant, which n8n registers for `usableAsTool` nodes. */
const TOOL_NODE_TYPE = `${PACKAGE_NAME}.contactUpsertTool`;

/** A workflow node record, e.g. node('Webhook', 'n8n-nodes-base.webhook', 2, [0, 0], {…}). */
function node(name, type, typeVersion, position, parameters = {}, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion, position, parameters, ...extra };
}

/**
 * Contact Upsert on ChatbotX as the bench and spike workflows use it: the identifier and first
 * name mapped by the given expressions, `options` as given, one ChatbotX credential ({ id, name }).
 */
function chatbotxUpsertNode({ name, identifier, firstName, options = {}, credential }) {
	return node(
		name,
		NODE_TYPE,
		1,
		[440, 0],
		{
			provider: 'chatbotx',
			operation: 'upsert',
			identifier,
			additionalFields: { firstName },
			options,
		},
		{ credentials: { chatbotxApi: { id: credential.id, name: credential.name } } },
	);
}

module.exports = { PACKAGE_NAME, NODE_TYPE, TOOL_NODE_TYPE, node, chatbotxUpsertNode };
