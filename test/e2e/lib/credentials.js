'use strict';
/**
 * The n8n credentials the e2e workflows use, all pointing at the vendor sandbox: one per sandbox
 * vendor (scripts/lib/credentials.js, the builder the demo and `npm start` use too) plus a Vambe
 * credential with a key the sandbox refuses. n8n encrypts `data` when it imports them.
 */
const {
	credentialRefs,
	credentialRecords: sandboxRecords,
} = require('../../../scripts/lib/credentials');

/** A key the sandbox refuses. Distinctive, so finding it in n8n's output cannot be a coincidence. */
const WRONG_VAMBE_API_KEY = 'e2e-wrong-vambe-key-Q7x2Lm9';

const PER_VENDOR = credentialRefs({ prefix: 'e2eCred' });

/** What a workflow node references: { id, name, type }. The ids are unique in the user folder. */
const CREDENTIALS = {
	...PER_VENDOR,
	vambeWrongKey: { id: 'e2eCredVambe0002', name: 'Vambe (wrong API key)', type: 'vambeApi' },
};

/** The records for `n8n import:credentials`, with each Base URL pointing at `sandbox`. */
function credentialRecords(sandbox) {
	const records = sandboxRecords(sandbox, PER_VENDOR);
	const vambe = records.find((record) => record.id === CREDENTIALS.vambe.id);
	return [
		...records,
		{ ...CREDENTIALS.vambeWrongKey, data: { ...vambe.data, apiKey: WRONG_VAMBE_API_KEY } },
	];
}

module.exports = { CREDENTIALS, WRONG_VAMBE_API_KEY, credentialRecords };
