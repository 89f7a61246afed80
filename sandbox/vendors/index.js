'use strict';
/**
 * The sandbox's vendors, in the sandbox's own order (its `contacts()` and `credentials()` list
 * them so). A new vendor is one file in
 * this folder exporting `VENDOR` (see vambe.js) and one line here; test/unit/nodes/wiring.test.ts
 * checks that every provider of the node has one.
 */

const VENDORS = [
	require('./vambe').VENDOR,
	require('./chatbotx').VENDOR,
	require('./rampwin').VENDOR,
	require('./hypersender').VENDOR,
];

/** Where a vendor answers under the sandbox's address: `/<id>` unless its VENDOR entry names another. */
const prefixOf = (vendor) => vendor.prefix || `/${vendor.id}`;

/**
 * A vendor's credential values for a sandbox at `url`, named like the node's credential fields:
 * its Base URL (`url` and the vendor's prefix), then the rest of its `credentialValues`.
 * `instance` is the running vendor (a fresh one with the default seed when omitted).
 */
function credentialsAt(vendor, url, instance = vendor.create()) {
	return { baseUrl: `${url}${prefixOf(vendor)}`, ...instance.credentialValues };
}

module.exports = { VENDORS, prefixOf, credentialsAt };
