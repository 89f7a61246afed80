'use strict';
/**
 * A newer release of a packed package, for the update path: the same tarball with only the
 * version in its package.json changed, packed again with `npm pack`. What n8n's "Update" does is
 * then tested with code that is otherwise identical, so a difference can only come from n8n.
 */

const fs = require('node:fs');
const path = require('node:path');
const { run, assertOk, cleanNpmEnv } = require('../processes');

/** The name and version in a tarball's package.json. */
async function tarballManifest(tgz) {
	const result = await run('tar', ['-xzOf', tgz, 'package/package.json'], { timeoutMs: 60000 });
	assertOk(result, `reading package.json from ${tgz}`);
	const { name, version } = JSON.parse(result.stdout);
	return { name, version };
}

/** "0.1.0" → "0.1.1". */
function nextPatch(version) {
	const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
	if (!match) throw new Error(`not a semver version: ${version}`);
	return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/** Repacks `tgz` as `version` into `outDir`; resolves the new tarball's path. */
async function repackWithVersion(tgz, version, outDir) {
	const work = fs.mkdtempSync(path.join(outDir, 'repack-'));
	try {
		assertOk(await run('tar', ['-xzf', tgz, '-C', work], { timeoutMs: 60000 }), `unpacking ${tgz}`);
		const manifestFile = path.join(work, 'package', 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
		manifest.version = version;
		fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
		const result = await run(
			'npm',
			[
				'pack',
				path.join(work, 'package'),
				`--pack-destination=${outDir}`,
				'--json',
				'--loglevel=error',
			],
			// the package's own scripts never run in a repack; `files` in its package.json still applies
			{ cwd: work, env: cleanNpmEnv({ npm_config_ignore_scripts: 'true' }), timeoutMs: 120000 },
		);
		assertOk(result, `npm pack (${manifest.name}@${version})`);
		return path.join(outDir, JSON.parse(result.stdout)[0].filename);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { tarballManifest, nextPatch, repackWithVersion };
