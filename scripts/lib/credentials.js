'use strict';
/**
 * The one builder of n8n credential records that point the Contact Upsert node at the vendor
 * sandbox, for `n8n import:credentials`. Everything comes from the sandbox's vendor files
 * (sandbox/vendors/*.js): the credential type, and the values from `sandbox.credentials()`, which
 * already names them like the credential fields ({ vambe: { baseUrl, apiKey }, … }).
 *
 * Sets of records differ only in ids and names:
 *   'sandbox' (demo, start, screenshots, examples): "Vambe (sandbox)" with the fixed ids the
 *             example workflows in examples/ refer to,
 *   any other prefix (e2e, bench): ids derived from the prefix, e.g. 'e2eCredVambe0001'.
 */

const { VENDORS } = require('../../sandbox/vendors');

/** A 16-character n8n id from a prefix and a vendor id, e.g. ('bench', 'chatbotx') → 'benchChatbotx001'. */
function derivedId(prefix, vendorId) {
	const base = `${prefix}${vendorId[0].toUpperCase()}${vendorId.slice(1)}`;
	return `${base.slice(0, 15).padEnd(15, '0')}1`;
}

/**
 * What a workflow node references, per vendor: { [vendorId]: { id, name, type } }.
 * Options: prefix ('sandbox' by default: the examples' fixed ids), label (the name's suffix,
 * default 'sandbox'), vendors (ids to include, default all).
 */
function credentialRefs({ prefix = 'sandbox', label = 'sandbox', vendors } = {}) {
	const selected = VENDORS.filter((vendor) => !vendors || vendors.includes(vendor.id));
	return Object.fromEntries(
		selected.map((vendor) => [
			vendor.id,
			{
				id: prefix === 'sandbox' ? vendor.sandboxCredentialId : derivedId(prefix, vendor.id),
				name: `${vendor.displayName} (${label})`,
				type: vendor.credentialType,
			},
		]),
	);
}

/** The sandbox credentials (fixed ids, "<Vendor> (sandbox)") as { [vendorId]: { id, name, type } }. */
const SANDBOX_CREDENTIALS = credentialRefs();

/**
 * Records for `n8n import:credentials`: each of `refs` (from credentialRefs) with the values of
 * a listening `sandbox`.
 */
function credentialRecords(sandbox, refs = SANDBOX_CREDENTIALS) {
	const values = sandbox.credentials();
	return Object.entries(refs).map(([vendor, credential]) => ({
		...credential,
		data: { ...values[vendor] },
	}));
}

module.exports = { SANDBOX_CREDENTIALS, credentialRefs, credentialRecords };
