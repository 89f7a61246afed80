'use strict';
/**
 * The e2e cases that send one person's phone number to every vendor, per provider: the node's
 * parameters mapping `$json.phone` and `$json.name`, and where the number is in the request the
 * vendor receives (`sentKey`). A case adds what it checks of the stored contact.
 */
const { CREDENTIALS } = require('./credentials');
const SEED = require('./seed');
const { upsertWorkflow } = require('./workflows');

/** ChatbotX's identifier as the request path carries it. */
const chatbotxPathIdentifier = (request) =>
	decodeURIComponent(/\/contacts\/([^/]+)\/upsert$/.exec(request.path)[1]);

const BY_PROVIDER = {
	vambe: {
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: SEED.vambe.channelPhoneNumber,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { name: '={{ $json.name }}' },
		},
		sentKey: (request) => request.body.contact_phone_number,
	},
	chatbotx: {
		parameters: {
			identifier: '=phone:{{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		sentKey: chatbotxPathIdentifier,
	},
	rampwin: {
		parameters: {
			rampwinChannelId: SEED.rampwin.channelId,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		sentKey: (request) => request.body.phone_number,
	},
	hypersender: {
		parameters: { chatId: '={{ $json.phone }}', firstName: '={{ $json.name }}' },
		sentKey: (request) => request.body.chat_id,
	},
};

/** Each provider's spec, with its id and its sandbox credential. */
const PHONE_UPSERTS = Object.fromEntries(
	Object.entries(BY_PROVIDER).map(([provider, spec]) => [
		provider,
		{ provider, credential: CREDENTIALS[provider], ...spec },
	]),
);

/**
 * One registered workflow per spec, upserting `items` with `options` (and the error output on
 * when `errorOutput`); each spec comes back with its `workflow`.
 */
function phoneUpsertWorkflows(n8n, specs, { what, items, options, errorOutput = false }) {
	return specs.map((spec) => ({
		...spec,
		workflow: n8n.workflow(
			upsertWorkflow({
				name: `${spec.provider}, ${what}`,
				credential: spec.credential,
				items,
				...(errorOutput ? { onError: 'continueErrorOutput' } : {}),
				parameters: { provider: spec.provider, ...spec.parameters, options },
			}),
		),
	}));
}

module.exports = { PHONE_UPSERTS, phoneUpsertWorkflows };
