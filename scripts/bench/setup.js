'use strict';
/**
 * Everything the benchmark needs before it measures, from a clean clone on: the build tools
 * (installed when they are missing), a fresh build of dist/, the packed package, the pinned n8n
 * (installed on first use by scripts/lib/n8n.js) and a fresh n8n user folder with the package,
 * the credentials and the workflows imported.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../lib/n8n');
const { credentialRecords } = require('./workflows');

const ROOT = n8n.ROOT;

function npm(args, what) {
	const result = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) {
		const output = `${result.stdout || ''}${result.stderr || ''}`.trim().split('\n').slice(-30);
		throw new Error(`${what} failed (exit ${result.status}):\n${output.join('\n')}`);
	}
}

/**
 * Installs the repository's build tools when they are missing (a clean clone). Like .ci/run it
 * uses `npm install`, which keeps the locked versions: `npm ci` refuses this lockfile.
 */
function ensureDevDependencies(onInstall = () => {}) {
	if (fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'))) return false;
	onInstall();
	npm(['install', '--no-audit', '--no-fund'], 'npm install');
	return true;
}

/** `npm run build`: the benchmark always measures the current sources. */
function build() {
	npm(['run', 'build'], 'npm run build');
}

// What a complete build packs (`n8n-node build` empties dist/ first; the bundle step comes last).
const REQUIRED_IN_PACKAGE = [
	'package/dist/nodes/ContactUpsert/ContactUpsert.node.js',
	'package/dist/nodes/ContactUpsert/shared/libphonenumber.js',
	'package/dist/credentials/ChatbotxApi.credentials.js',
];

/**
 * Builds and packs into .cache/bench/pack (not the shared .cache/pack). Checks that the tarball
 * holds the built node, and builds again if not (another build may have emptied dist/ meanwhile).
 */
async function buildAndPack({ skipBuild = false } = {}) {
	const destination = path.join(ROOT, '.cache', 'bench', 'pack');
	for (let attempt = 1; ; attempt++) {
		if (!skipBuild || attempt > 1) build();
		fs.rmSync(destination, { recursive: true, force: true });
		const tgz = await n8n.packPackage(ROOT, destination);
		const listing = spawnSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).stdout || '';
		const missing = REQUIRED_IN_PACKAGE.filter((file) => !listing.split('\n').includes(file));
		if (missing.length === 0) return tgz;
		if (attempt === 3) throw new Error(`the packed package lacks ${missing.join(', ')}`);
	}
}

/** Packs the benchmark-only baseline node of scripts/bench/baseline into .cache/bench/pack-baseline. */
async function packBaseline() {
	const destination = path.join(ROOT, '.cache', 'bench', 'pack-baseline');
	fs.rmSync(destination, { recursive: true, force: true });
	return n8n.packPackage(path.join(__dirname, 'baseline'), destination);
}

/** The version of the installed n8n, e.g. "1.123.81". */
function n8nVersion(major) {
	const manifest = path.join(n8n.installDir(major), 'node_modules', 'n8n', 'package.json');
	return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

/**
 * A new user folder (.cache/bench/<major>) with the packed package and the baseline node
 * installed the way n8n installs community nodes, the bench credentials and `workflows` imported.
 */
async function prepareUserFolder(major, tgz, sandbox, workflows) {
	const userFolder = path.join(ROOT, '.cache', 'bench', major);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	await n8n.installPackageIntoUserFolder(userFolder, tgz);
	await n8n.installPackageIntoUserFolder(userFolder, await packBaseline());
	await n8n.importCredentials(major, userFolder, credentialRecords(sandbox));
	// One import for all of them (each n8n CLI call boots n8n, several seconds).
	const file = path.join(userFolder, 'bench-workflows.json');
	fs.writeFileSync(
		file,
		JSON.stringify(workflows.map((workflow) => ({ active: false, ...workflow }))),
	);
	const result = await n8n.runN8n(major, userFolder, ['import:workflow', `--input=${file}`]);
	if (result.code !== 0) {
		throw new Error(
			`n8n import:workflow failed (exit ${result.code}):\n${result.stdout}${result.stderr}`,
		);
	}
	return userFolder;
}

module.exports = { ensureDevDependencies, build, buildAndPack, n8nVersion, prepareUserFolder };
