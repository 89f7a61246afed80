'use strict';
/**
 * The four n8n credentials that point the Contact Upsert node at the vendor sandbox.
 *
 * Their ids are fixed and are the ids the example workflows in examples/ refer to, so an example
 * imported next to these credentials runs without picking a credential by hand. Nothing here
 * depends on the machine except the sandbox URL, which lives only in the credentials.
 */

const SANDBOX_CREDENTIALS = {
	vambe: { id: 'sandboxVambe0001', name: 'Vambe (sandbox)', type: 'vambeApi' },
	chatbotx: { id: 'sandboxChatbotx1', name: 'ChatbotX (sandbox)', type: 'chatbotxApi' },
	rampwin: { id: 'sandboxRampwin01', name: 'Rampwin (sandbox)', type: 'rampwinApi' },
	hypersender: { id: 'sandboxHypersnd1', name: 'Hypersender (sandbox)', type: 'hypersenderApi' },
};

/**
 * Credential records for `n8n import:credentials`. `sandbox.credentials()` already names its
 * values like the credential fields ({ vambe: { baseUrl, apiKey }, rampwin: { …, channelId }, …}).
 */
function sandboxCredentialRecords(values) {
	return Object.entries(SANDBOX_CREDENTIALS).map(([vendor, credential]) => ({
		...credential,
		data: { ...values[vendor] },
	}));
}

module.exports = { SANDBOX_CREDENTIALS, sandboxCredentialRecords };
