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

/**
 * n8n's HTTP Request node doing what Contact Upsert does for ChatbotX: POST
 * {baseUrl}/v1/contacts/{encoded identifier}/upsert with a Bearer credential ({ id, name }) and
 * the first name as JSON. `source` is the expression the item's fields are read from (`$json` or
 * `$json.body`); `options` are the node's own (batching), `extra` its settings (retries, onError).
 */
function chatbotxHttpRequestNode({ name, baseUrl, source, credential, options = {}, extra = {} }) {
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		[440, 0],
		{
			method: 'POST',
			url: `=${baseUrl}/v1/contacts/{{ encodeURIComponent(${source}.identifier) }}/upsert`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBearerAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ firstName: ${source}.firstName }) }}`,
			options,
		},
		{ credentials: { httpBearerAuth: { id: credential.id, name: credential.name } }, ...extra },
	);
}

module.exports = {
	PACKAGE_NAME,
	NODE_TYPE,
	TOOL_NODE_TYPE,
	node,
	chatbotxUpsertNode,
	chatbotxHttpRequestNode,
};
