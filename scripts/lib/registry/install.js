'use strict';
/**
 * Install (or verify) the pinned Verdaccio from scripts/verdaccio/ (package.json + the committed
 * package-lock.json) into the cache beside the n8n installs, `<E2E_N8N_CACHE_DIR>/verdaccio`
 * (default .cache/n8n/verdaccio). Its own folder because it needs an `overrides` entry
 * (node-fetch 2.7.0, so that Verdaccio 6.8.0 installs on Node 20), which n8n's lint forbids in
 * the project's package.json. Stamped by the hash of the spec like the n8n installs, and
 * installed under the same kind of lock, so parallel jest workers install it once.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, N8N_CACHE_DIR } = require('../paths');
const { logger, seconds } = require('../log');
const { run, assertOk, cleanNpmEnv } = require('../processes');
const { withLock } = require('../n8n/install');

const SPEC_DIR = path.join(ROOT, 'scripts', 'verdaccio');
const INSTALL_DIR = path.join(N8N_CACHE_DIR, 'verdaccio');
const STAMP = '.installed-stamp';
const SPEC_FILES = ['package.json', 'package-lock.json'];
const log = logger('registry');

function specHash() {
	const hash = crypto.createHash('sha256');
	for (const file of SPEC_FILES) {
		hash.update(file);
		hash.update(fs.readFileSync(path.join(SPEC_DIR, file)));
	}
	return hash.digest('hex');
}

/** Verdaccio's own start script in the install. */
function verdaccioBin() {
	return path.join(INSTALL_DIR, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
}

function isInstalled() {
	try {
		const stamp = fs.readFileSync(path.join(INSTALL_DIR, STAMP), 'utf8').trim();
		return stamp === specHash() && fs.existsSync(verdaccioBin());
	} catch {
		return false;
	}
}

/**
 * Install Verdaccio when the stamp does not match the committed spec; resolves the path of its
 * start script. About 10 s with a warm npm cache.
 */
async function ensureVerdaccio() {
	if (isInstalled()) return verdaccioBin();
	fs.mkdirSync(N8N_CACHE_DIR, { recursive: true });
	return withLock(path.join(N8N_CACHE_DIR, 'verdaccio.lock'), async () => {
		if (isInstalled()) return verdaccioBin();
		const started = Date.now();
		fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
		fs.mkdirSync(INSTALL_DIR, { recursive: true });
		for (const file of SPEC_FILES) {
			fs.copyFileSync(path.join(SPEC_DIR, file), path.join(INSTALL_DIR, file));
		}
		// Verdaccio needs no install scripts (no native modules); the lockfile pins everything.
		const result = await run(
			'npm',
			['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: INSTALL_DIR, env: cleanNpmEnv(), timeoutMs: 10 * 60 * 1000 },
		);
		assertOk(result, 'npm ci (Verdaccio)');
		fs.writeFileSync(path.join(INSTALL_DIR, STAMP), `${specHash()}\n`);
		log(`Verdaccio installed into ${INSTALL_DIR} in ${seconds(Date.now() - started)}`);
		return verdaccioBin();
	});
}

/**
 * The start script of an existing install; throws when there is none. Inside the namespace there
 * is no network to install from: ensureVerdaccio() runs before it is entered.
 */
function installedVerdaccio() {
	if (!isInstalled()) {
		throw new Error(`Verdaccio is not installed in ${INSTALL_DIR}: call ensureVerdaccio() first`);
	}
	return verdaccioBin();
}

module.exports = { ensureVerdaccio, installedVerdaccio };
