'use strict';
/**
 * Everything the benchmark needs before it measures, from a clean clone on: the build tools
 * (`npm ci` when they are missing), then the one path of scripts/lib/workspace.js: a fresh build
 * (the benchmark always measures the current sources, unless --no-build), the packed package,
 * the pinned n8n, and a fresh user folder (.cache/bench/<major>) with the package and the
 * benchmark-only baseline node installed, the bench credentials and the workflows imported.
 */

const path = require('node:path');

const { ensureDevDependencies } = require('../lib/build');
const { ROOT } = require('../lib/paths');
const workspace = require('../lib/workspace');
const { credentialRecords } = require('./workflows');

/** The sandbox, without a request log (hundreds of thousands of requests). */
function startSandbox() {
	return workspace.startSandbox({ config: { logRequests: false } });
}

/** Resolves { userFolder, tgz }: the prepared user folder and the packed package in it. */
async function prepareUserFolder({ major, build, sandbox, workflows, report }) {
	const userFolder = path.join(ROOT, '.cache', 'bench', major);
	const { tgz } = await workspace.prepare({
		major,
		userFolder,
		fresh: true,
		build: build ? 'always' : 'never',
		// not the shared .cache/pack: a demo or an e2e run may pack at the same time
		packDestination: path.join(ROOT, '.cache', 'bench', 'pack'),
		extraPackages: [path.join(__dirname, 'baseline')],
		sandbox,
		credentials: credentialRecords,
		workflows,
		report,
	});
	return { userFolder, tgz };
}

module.exports = { ensureDevDependencies, startSandbox, prepareUserFolder };
