'use strict';
/**
 * The vendor sandbox's fixed seed (sandbox/README.md): the account ids a user would copy from
 * each vendor's dashboard, and the secrets the sandbox accepts. Written out here so the tests can
 * state exactly what a vendor must receive.
 */
module.exports = {
	vambe: {
		apiKey: 'sandbox-vambe-key',
		channelPhoneNumber: '+56911112222',
		webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
		clientId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
		stageId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
	},
	chatbotx: { accessToken: 'cbx_ws_sandbox' },
	rampwin: { apiKey: 'sandbox-rampwin-key', channelId: '65f1c2a9b7e4d3c2a1f0e9d8' },
	hypersender: {
		apiToken: '1|sandbox-hypersender-token',
		instanceId: '9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15',
	},
};
