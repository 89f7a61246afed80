'use strict';
/**
 * The n8n credentials the e2e workflows use, all pointing at the vendor sandbox. Field names and
 * types are the package's public interface (credentials/*.credentials.ts); n8n encrypts `data`
 * when it imports them.
 */

/** A key the sandbox refuses. Distinctive, so finding it in n8n's output cannot be a coincidence. */
const WRONG_VAMBE_API_KEY = 'e2e-wrong-vambe-key-Q7x2Lm9';

/** What a workflow node references: { id, name, type }. The ids are unique in the user folder. */
const CREDENTIALS = {
	vambe: { id: 'e2eCredVambe0001', name: 'Vambe (sandbox)', type: 'vambeApi' },
	vambeWrongKey: { id: 'e2eCredVambe0002', name: 'Vambe (wrong API key)', type: 'vambeApi' },
	chatbotx: { id: 'e2eCredChatbotx1', name: 'ChatbotX (sandbox)', type: 'chatbotxApi' },
	rampwin: { id: 'e2eCredRampwin01', name: 'Rampwin (sandbox)', type: 'rampwinApi' },
	hypersender: { id: 'e2eCredHypersnd1', name: 'Hypersender (sandbox)', type: 'hypersenderApi' },
};

/** The records for `n8n import:credentials`, with each Base URL pointing at `sandbox`. */
function credentialRecords(sandbox) {
	const { vambe, chatbotx, rampwin, hypersender } = sandbox.credentials();
	const record = (credential, data) => ({ ...credential, data });
	return [
		record(CREDENTIALS.vambe, { apiKey: vambe.apiKey, baseUrl: vambe.baseUrl }),
		record(CREDENTIALS.vambeWrongKey, { apiKey: WRONG_VAMBE_API_KEY, baseUrl: vambe.baseUrl }),
		record(CREDENTIALS.chatbotx, {
			accessToken: chatbotx.accessToken,
			baseUrl: chatbotx.baseUrl,
		}),
		record(CREDENTIALS.rampwin, {
			apiKey: rampwin.apiKey,
			channelId: rampwin.channelId,
			baseUrl: rampwin.baseUrl,
		}),
		record(CREDENTIALS.hypersender, {
			apiToken: hypersender.apiToken,
			instanceId: hypersender.instanceId,
			baseUrl: hypersender.baseUrl,
		}),
	];
}

module.exports = { CREDENTIALS, WRONG_VAMBE_API_KEY, credentialRecords };
