'use strict';
/**
 * What a single-service tarball must hold: its own manifest, the node and credential it
 * registers, its README and licence, no runtime dependencies, and nothing of any other vendor
 * (no other vendor's provider module, credential, icon or credential type name in its code).
 */

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('./paths');

/** The providers as the built registry lists them (dist/ of the repository). */
function builtProviders() {
	const registryFile = path.join(ROOT, 'dist', 'nodes', 'providers', 'index.js');
	if (!fs.existsSync(registryFile)) throw new Error('dist/ is missing: run `npm run build` first.');
	return require(registryFile).providers;
}

function tarList(tgz) {
	return execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((entry) => entry.replace(/^package\//, ''));
}

/** The tarball's files as `{ path: text }` (paths without the `package/` prefix), read once. */
function tarContents(tgz) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contact-upsert-tarball-'));
	try {
		execFileSync('tar', ['-xzf', tgz, '-C', dir]);
		const root = path.join(dir, 'package');
		return Object.fromEntries(
			tarList(tgz)
				.filter((file) => fs.statSync(path.join(root, file)).isFile())
				.map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]),
		);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The problems of one packed package, as sentences; empty when it is right. `providers`: the
 * registry's providers (the built ones by default).
 */
function checkTarball(tgz, manifest, providers = builtProviders()) {
	const problems = [];
	const contents = tarContents(tgz);
	const files = Object.keys(contents).sort();
	if (!contents['package.json']) return ['package.json is missing'];
	const packed = JSON.parse(contents['package.json']);
	for (const key of ['name', 'version', 'n8n', 'peerDependencies', 'repository']) {
		if (JSON.stringify(packed[key]) !== JSON.stringify(manifest[key])) {
			problems.push(`package.json ${key} differs from packages/${manifest.name}/package.json`);
		}
	}
	if (packed.dependencies && Object.keys(packed.dependencies).length > 0) {
		problems.push(`has runtime dependencies: ${Object.keys(packed.dependencies).join(', ')}`);
	}
	for (const file of ['README.md', 'LICENSE', ...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!files.includes(file)) problems.push(`${file} is missing`);
	}
	const own = providers.filter((provider) =>
		manifest.n8n.credentials.some((file) =>
			file.endsWith(`/${provider.displayName}Api.credentials.js`),
		),
	);
	if (own.length !== 1) problems.push('registers no credential of exactly one provider');
	const code = files.filter((file) => file.endsWith('.js'));
	for (const other of providers.filter((provider) => !own.includes(provider))) {
		const named = files.filter((file) => file.toLowerCase().includes(other.id));
		if (named.length > 0) problems.push(`holds ${other.displayName}'s files: ${named.join(', ')}`);
		const quoted = [`'${other.credentialType}'`, `"${other.credentialType}"`];
		for (const file of code.filter((name) =>
			quoted.some((text) => contents[name].includes(text)),
		)) {
			problems.push(`${file} names ${other.displayName}'s credential type ${other.credentialType}`);
		}
	}
	return problems;
}

module.exports = { checkTarball, builtProviders, tarList };
