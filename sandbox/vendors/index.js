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

module.exports = { VENDORS };
