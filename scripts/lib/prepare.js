'use strict';
/**
 * The steps `npm run demo` and `npm start` share: a built and packed package, a real n8n, the
 * package installed into an n8n user folder the way n8n installs community nodes, and the
 * vendor sandbox with n8n credentials pointing at it.
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const n8n = require('./n8n');
const { ensureBuilt } = require('./build');
const { sandboxCredentialRecords } = require('./sandbox-credentials');
const { createSandbox } = require('../../sandbox/server');

const ROOT = n8n.ROOT;
const EXAMPLES_DIR = path.join(ROOT, 'examples');
/**
 * Where n8n user folders live (demo, playground, screenshots, e2e). A running n8n writes its
 * editor's JavaScript into `<user folder>/.cache/n8n/public`; under node_modules/ ESLint (which
 * `n8n-node lint` runs on the whole repository) never reads it.
 */
const USER_FOLDERS = path.join(ROOT, 'node_modules', '.cache', 'contact-upsert');

/** The n8n user folder for one purpose and n8n major, e.g. userFolder('demo', 'v1'). */
function userFolder(purpose, major) {
	return path.join(USER_FOLDERS, purpose, major);
}

/** The n8n version of an installed major, e.g. "1.123.81". */
function n8nVersion(major) {
	const manifest = path.join(n8n.installDir(major), 'node_modules', 'n8n', 'package.json');
	return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

/** Builds dist/ if it is stale, then packs it. Resolves { tgz, build }. */
async function buildAndPack() {
	const build = ensureBuilt();
	const tgz = await n8n.packPackage();
	return { tgz, build };
}

/** Whether something already listens on host:port. */
function portInUse(port, host) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', (error) =>
			resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'),
		);
		server.listen(port, host, () => server.close(() => resolve(false)));
	});
}

/**
 * Starts the vendor sandbox (port 0: any free port); a busy port gives an error that says what
 * to do. `onRequest(entry)` is called after each vendor request is answered.
 */
async function startSandbox({
	port = 0,
	host = '127.0.0.1',
	flag = '--sandbox-port',
	onRequest,
} = {}) {
	const sandbox = createSandbox({ onRequest });
	try {
		await sandbox.listen(port, host);
	} catch (error) {
		if (error.code === 'EADDRINUSE') {
			throw new Error(
				`Port ${port} on ${host} is already in use, so the vendor sandbox cannot start there. ` +
					`Stop whatever uses it (another \`npm start\`?) or pick another port with ${flag} <n>.`,
			);
		}
		throw error;
	}
	return sandbox;
}

/** Imports the four "<Vendor> (sandbox)" credentials, pointing at this sandbox. */
async function importSandboxCredentials(major, userFolder, sandbox) {
	await n8n.importCredentials(major, userFolder, sandboxCredentialRecords(sandbox.credentials()));
}

/** An example workflow from examples/ by file name. */
function readExample(file) {
	const full = path.join(EXAMPLES_DIR, file);
	try {
		return JSON.parse(fs.readFileSync(full, 'utf8'));
	} catch (error) {
		throw new Error(`Cannot read example workflow ${path.relative(ROOT, full)}: ${error.message}`);
	}
}

/** Every examples/*.workflow.json, sorted by file name: [{ file, workflow }]. */
function listExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.workflow.json'))
		.sort()
		.map((file) => ({ file, workflow: readExample(file) }));
}

module.exports = {
	ROOT,
	USER_FOLDERS,
	userFolder,
	n8nVersion,
	buildAndPack,
	portInUse,
	startSandbox,
	importSandboxCredentials,
	readExample,
	listExamples,
};
