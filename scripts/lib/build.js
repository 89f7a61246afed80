'use strict';
/**
 * Build the package only when dist/ is missing or older than what it is built from, so
 * `npm run demo` works on a fresh clone and stays quick on the second run.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'gulpfile.js'];
// `n8n-node build` empties dist/ and the bundle step writes libphonenumber.js last: when these
// exist, the build finished.
const OUTPUTS = [
	'dist/nodes/ContactUpsert/ContactUpsert.node.js',
	'dist/nodes/ContactUpsert/shared/libphonenumber.js',
	'dist/credentials/VambeApi.credentials.js',
];

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
 * Runs `npm run build` when needed (or always with `force`). Resolves { built, reason, ms }.
 * Throws with the build's output when it fails.
 */
function ensureBuilt({ force = false } = {}) {
	const reason = force ? 'requested' : staleReason();
	if (!reason) return { built: false, reason: 'dist/ is up to date', ms: 0 };
	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'))) {
		throw new Error('The build tools are not installed: run `npm install` first.');
	}
	const started = Date.now();
	const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) {
		const output = `${result.stdout || ''}${result.stderr || ''}`.trim().split('\n').slice(-30);
		throw new Error(`npm run build failed (exit ${result.status}):\n${output.join('\n')}`);
	}
	return { built: true, reason, ms: Date.now() - started };
}

module.exports = { ensureBuilt, staleReason };
