'use strict';
/**
 * Build the package when dist/ is missing or older than what it is built from (`stale`), every
 * time (`always`), or never (`never`: use dist/ as it is), so `npm run demo` works on a fresh
 * clone and stays quick on the second run.
 */

const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./paths');
const { run, tail } = require('./processes');

const SOURCES = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'gulpfile.js'];
// `n8n-node build` empties dist/ and the bundle step writes libphonenumber.js last: when these
// exist, the build finished.
const OUTPUTS = [
	'dist/nodes/ContactUpsert/ContactUpsert.node.js',
	'dist/nodes/engine/libphonenumber.js',
	'dist/credentials/VambeApi.credentials.js',
];
const BUILD_TIMEOUT_MS = 10 * 60 * 1000;

function newestMtime(target) {
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) {
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
function staleReason() {
	const outputs = OUTPUTS.map((file) => path.join(ROOT, file));
	const missing = outputs.find((file) => !fs.existsSync(file));
	if (missing) return `${path.relative(ROOT, missing)} is missing`;
	const built = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
	const newer = SOURCES.map((source) => path.join(ROOT, source)).find(
		(source) => fs.existsSync(source) && newestMtime(source) > built,
	);
	return newer ? `${path.relative(ROOT, newer)} changed since the last build` : null;
}

/**
 * Runs `npm run build` (quiet unless it fails: its spinner would flood CI logs) as `mode` says.
 * Resolves { built, reason, ms }. Throws with the build's output when it fails.
 */
async function ensureBuilt({ mode = 'stale' } = {}) {
	if (mode === 'never') return { built: false, reason: 'build skipped', ms: 0 };
	const reason = mode === 'always' ? 'requested' : staleReason();
	if (!reason) return { built: false, reason: 'dist/ is up to date', ms: 0 };
	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'))) {
		throw new Error('The build tools are not installed: run `npm ci` first.');
	}
	const result = await run('npm', ['run', 'build'], { timeoutMs: BUILD_TIMEOUT_MS });
	if (result.code !== 0 || result.timedOut) {
		throw new Error(
			`npm run build failed (exit ${result.code}${result.signal ? `, ${result.signal}` : ''})\n${tail(`${result.stdout}${result.stderr}`)}`,
		);
	}
	return { built: true, reason, ms: result.ms };
}

/**
 * Installs the repository's build tools when they are missing (a clean clone), with `npm ci`:
 * exactly the committed lockfile. Returns whether it installed them.
 */
async function ensureDevDependencies(onInstall = () => {}) {
	if (fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'))) return false;
	onInstall();
	const result = await run('npm', ['ci', '--no-audit', '--no-fund'], {
		timeoutMs: BUILD_TIMEOUT_MS,
	});
	if (result.code !== 0) {
		throw new Error(
			`npm ci failed (exit ${result.code}):\n${tail(`${result.stdout}${result.stderr}`)}`,
		);
	}
	return true;
}

module.exports = { ensureBuilt, ensureDevDependencies, staleReason, newestMtime, SOURCES };
