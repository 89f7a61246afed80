'use strict';
/**
 * The one path from the sources to an n8n that runs this package against the vendor sandbox,
 * used by `npm run demo`, `npm start`, `npm run screenshots`, `npm run bench` and the e2e tests:
 *
 *   build (if stale / always / never) → pack → the pinned n8n → a user folder with the package
 *   installed like n8n installs community nodes → the vendor sandbox → its credentials → workflows
 *
 *   const ws = await workspace.prepare({ major: 'v1', userFolder, fresh: true, workflows: [wf] });
 *   // ws: { tgz, build, pkg, sandbox, userFolder, imported }
 *
 * Each stage is also exported for callers that split the path (the e2e global set-up builds and
 * packs once; each test file prepares its own user folder from that tarball).
 */

const fs = require('node:fs');
const path = require('node:path');
const n8n = require('./n8n');
const packages = require('./packages');
const { ensureBuilt } = require('./build');
const { credentialRecords } = require('./credentials');
const { ROOT, PACK_DIR } = require('./paths');
const { createSandbox } = require('../../sandbox/server');
const { explainListenError } = require('../../sandbox/lib/listen-error');

// What a complete build packs (`n8n-node build` empties dist/ first; the bundle step comes last).
const REQUIRED_IN_PACKAGE = [
	'package/dist/nodes/ContactUpsert/ContactUpsert.node.js',
	'package/dist/nodes/engine/libphonenumber.js',
	'package/dist/credentials/ChatbotxApi.credentials.js',
];

/**
 * Builds as `build` says ('stale', 'always', 'never') and packs into `destination`. Checks that
 * the tarball holds the built node, and builds again if not (another build may have emptied
 * dist/ meanwhile). Resolves { tgz, build: { built, reason, ms } }.
 */
async function buildAndPack({ build = 'stale', destination = PACK_DIR } = {}) {
	for (let attempt = 1; ; attempt++) {
		const mode = attempt > 1 && build !== 'never' ? 'always' : build;
		const built = await ensureBuilt({ mode });
		const tgz = await n8n.packPackage(ROOT, destination);
		const files = await n8n.tarballFiles(tgz);
		const missing = REQUIRED_IN_PACKAGE.filter((file) => !files.includes(file));
		if (missing.length === 0) return { tgz, build: built };
		if (build === 'never' || attempt === 3) {
			throw new Error(
				`the packed package lacks ${missing.join(', ')}${build === 'never' ? ': run `npm run build` first' : ''}`,
			);
		}
	}
}

/**
 * Installs the tarball (and `extraPackages`: package folders, packed first; `extraTarballs`:
 * packed packages) into the user folder; `fresh` empties the folder first (a new database).
 * Resolves { name, version, dir }.
 */
async function prepareUserFolder({
	userFolder,
	tgz,
	fresh = false,
	extraPackages = [],
	extraTarballs = [],
}) {
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const pkg = await n8n.installPackageIntoUserFolder(userFolder, tgz);
	for (const extra of extraTarballs) await n8n.installPackageIntoUserFolder(userFolder, extra);
	for (const folder of extraPackages) {
		const destination = path.join(ROOT, '.cache', 'pack-extra', path.basename(folder));
		fs.rmSync(destination, { recursive: true, force: true });
		await n8n.installPackageIntoUserFolder(userFolder, await n8n.packPackage(folder, destination));
	}
	return pkg;
}

/**
 * Starts the vendor sandbox (port 0: any free port); a busy port gives an error that says what
 * to do. `onRequest(entry)` is called after each vendor request is answered; `config` is the
 * sandbox's start-up config.
 */
async function startSandbox({
	port = 0,
	host = '127.0.0.1',
	flag = '--sandbox-port',
	onRequest,
	config,
} = {}) {
	const sandbox = createSandbox({ onRequest, config });
	try {
		await sandbox.listen(port, host);
	} catch (error) {
		throw explainListenError(error, { port, host, flag });
	}
	return sandbox;
}

const silently = (label, fn) => fn();

/**
 * The whole path. Options:
 *   major, userFolder, fresh          which n8n, which user folder, start from an empty one
 *   build, packDestination            see buildAndPack; or `tgz`: an already packed tarball
 *   extraPackages                     more package folders to install (the bench baseline node)
 *   vendorPackages                    also install the single-service packages (packages/)
 *   sandbox | sandboxOptions          a listening sandbox, or options to start one (startSandbox)
 *   credentials(sandbox)              the records to import (default: the "<Vendor> (sandbox)" ones)
 *   workflows                         an array, or async ({ major, userFolder }) => array
 *   env                               n8n environment for the imports (queue mode: its database)
 *   report(label, fn, note)           runs and reports each stage (scripts/lib/steps.js)
 * Resolves { tgz, build, pkg, sandbox, userFolder, imported } (imported: the workflows imported).
 * Stops a sandbox it started when a later stage fails.
 */
async function prepare(options) {
	const { major, userFolder, report = silently } = options;
	let { tgz } = options;
	let build = null;
	if (!tgz) {
		({ tgz, build } = await report(
			'build + pack',
			() => buildAndPack({ build: options.build, destination: options.packDestination }),
			(result) => (result.build.built ? `built (${result.build.reason})` : result.build.reason),
		));
	}
	const vendorTarballs = options.vendorPackages
		? await report(
				'single-service packages',
				() => packages.ensurePacked(),
				(tarballs) => Object.keys(tarballs).join(', '),
			)
		: {};
	await report(
		`n8n ${major}`,
		() => n8n.ensureN8n(major),
		() => `n8n ${n8n.n8nVersion(major)}`,
	);
	const pkg = await report(
		'install into user folder',
		() =>
			prepareUserFolder({
				userFolder,
				tgz,
				fresh: options.fresh,
				extraPackages: options.extraPackages,
				extraTarballs: Object.values(vendorTarballs),
			}),
		(p) => `${p.name}@${p.version} in ${path.relative(process.cwd(), userFolder) || '.'}`,
	);
	const sandbox =
		options.sandbox ||
		(await report(
			'start vendor sandbox',
			() => startSandbox(options.sandboxOptions),
			(s) => s.url,
		));
	try {
		const records = (options.credentials || credentialRecords)(sandbox);
		const cli = { env: options.env };
		await report('import credentials', () =>
			n8n.importCredentials(major, userFolder, records, cli),
		);
		const imported = await report(
			'import workflows',
			async () => {
				const list =
					typeof options.workflows === 'function'
						? await options.workflows({ major, userFolder })
						: options.workflows || [];
				if (list.length) await n8n.importWorkflows(major, userFolder, list, cli);
				return list;
			},
			(list) => (list.length ? `${list.length} imported` : 'already there'),
		);
		return { tgz, build, pkg, sandbox, userFolder, imported };
	} catch (error) {
		if (!options.sandbox) await sandbox.close();
		throw error;
	}
}

/** An example workflow from examples/ by file name. */
function readExample(file) {
	const full = path.join(ROOT, 'examples', file);
	try {
		return JSON.parse(fs.readFileSync(full, 'utf8'));
	} catch (error) {
		throw new Error(`Cannot read example workflow ${path.relative(ROOT, full)}: ${error.message}`);
	}
}

/** Every examples/*.workflow.json, sorted by file name: [{ file, workflow }]. */
function listExamples() {
	return fs
		.readdirSync(path.join(ROOT, 'examples'))
		.filter((file) => file.endsWith('.workflow.json'))
		.sort()
		.map((file) => ({ file, workflow: readExample(file) }));
}

module.exports = {
	prepare,
	buildAndPack,
	prepareUserFolder,
	startSandbox,
	readExample,
	listExamples,
};
