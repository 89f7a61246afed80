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

const PHONE_UPSERTS = {
	vambe: {
		provider: 'vambe',
		credential: CREDENTIALS.vambe,
		parameters: {
			vambeChannel: 'whatsapp',
			channelPhoneNumber: SEED.vambe.channelPhoneNumber,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { name: '={{ $json.name }}' },
		},
		sentKey: (request) => request.body.contact_phone_number,
	},
	chatbotx: {
		provider: 'chatbotx',
		credential: CREDENTIALS.chatbotx,
		parameters: {
			identifier: '=phone:{{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		sentKey: chatbotxPathIdentifier,
	},
	rampwin: {
		provider: 'rampwin',
		credential: CREDENTIALS.rampwin,
		parameters: {
			rampwinChannelId: SEED.rampwin.channelId,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		sentKey: (request) => request.body.phone_number,
	},
	hypersender: {
		provider: 'hypersender',
		credential: CREDENTIALS.hypersender,
		parameters: { chatId: '={{ $json.phone }}', firstName: '={{ $json.name }}' },
		sentKey: (request) => request.body.chat_id,
	},
};

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
