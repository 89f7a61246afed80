'use strict';
/**
 * The package under test as n8n sees it: `npm pack` of a package folder, and that tarball
 * installed into an n8n user folder the way n8n's "Install community node" does.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, PACK_DIR } = require('../paths');
const { run, assertOk, cleanNpmEnv } = require('../processes');

/**
 * `npm pack` the repository (build it first) into .cache/pack and return the tgz path.
 * `cwd` can point at another package folder (used for throwaway fixture packages).
 */
async function packPackage(cwd = ROOT, destination = PACK_DIR) {
	fs.mkdirSync(destination, { recursive: true });
	const result = assertOk(
		await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
			cwd,
			env: cleanNpmEnv(),
			timeoutMs: 120000,
		}),
		`npm pack in ${cwd}`,
	);
	const json = result.stdout.slice(result.stdout.indexOf('['));
	const [info] = JSON.parse(json);
	return path.join(destination, info.filename);
}

/**
 * Install a packed community package into an n8n user folder the way n8n's "Install community
 * node" does: extract into <userFolder>/.n8n/nodes/node_modules/<name>, strip dev/peer/optional
 * dependencies, install its runtime dependencies next to it, and list it in
 * <userFolder>/.n8n/nodes/package.json. Returns { name, version, dir }.
 */
async function installPackageIntoUserFolder(userFolder, tgzPath) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
	try {
		assertOk(
			await run('tar', ['-xzf', path.resolve(tgzPath), '-C', staging], { timeoutMs: 60000 }),
			`extracting ${tgzPath}`,
		);
		const extracted = path.join(staging, 'package');
		const manifestPath = path.join(extracted, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		const { name, version } = manifest;
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

		const dir = path.join(nodesDir, 'node_modules', ...name.split('/'));
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		fs.cpSync(extracted, dir, { recursive: true });

		assertOk(
			await run(
				'npm',
				// the arguments n8n's CommunityPackagesService uses
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
					'--loglevel=error',
				],
				{ cwd: dir, env: cleanNpmEnv(), timeoutMs: 10 * 60 * 1000 },
			),
			`npm install in ${dir}`,
		);

		const nodesPkgPath = path.join(nodesDir, 'package.json');
		let nodesPkg = { name: 'installed-nodes', private: true, dependencies: {} };
		if (fs.existsSync(nodesPkgPath)) nodesPkg = JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8'));
		nodesPkg.dependencies = Object.assign({}, nodesPkg.dependencies, { [name]: version });
		fs.writeFileSync(nodesPkgPath, `${JSON.stringify(nodesPkg, null, 2)}\n`);
		return { name, version, dir };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------

/** The paths a tarball holds ("package/…"). */
async function tarballFiles(tgzPath) {
	const result = assertOk(
		await run('tar', ['-tzf', tgzPath], { timeoutMs: 60000 }),
		`listing ${tgzPath}`,
	);
	return result.stdout.split('\n').filter(Boolean);
}

module.exports = { packPackage, installPackageIntoUserFolder, tarballFiles };
