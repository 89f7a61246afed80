'use strict';
/**
 * What a single-service tarball must hold: its own manifest, the node and credential it
 * registers, its README and licence, no runtime dependencies, and nothing of any other vendor
 * (no other vendor's provider module, credential, icon or credential type name in its code).
 */

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
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

function tarRead(tgz, file) {
	return execFileSync('tar', ['-xzOf', tgz, `package/${file}`], { encoding: 'utf8' });
}

/** The problems of one packed package, as sentences; empty when it is right. */
function checkTarball(tgz, manifest) {
	const problems = [];
	const files = tarList(tgz);
	const packed = JSON.parse(tarRead(tgz, 'package.json'));
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
	const providers = builtProviders();
	const own = providers.filter((provider) =>
		manifest.n8n.credentials.some((file) =>
			file.endsWith(`/${provider.displayName}Api.credentials.js`),
		),
	);
	if (own.length !== 1) problems.push('registers no credential of exactly one provider');
	for (const other of providers.filter((provider) => !own.includes(provider))) {
		const named = files.filter((file) => file.toLowerCase().includes(other.id));
		if (named.length > 0) problems.push(`holds ${other.displayName}'s files: ${named.join(', ')}`);
		for (const file of files.filter((entry) => entry.endsWith('.js'))) {
			if (
				tarRead(tgz, file).includes(`'${other.credentialType}'`) ||
				tarRead(tgz, file).includes(`"${other.credentialType}"`)
			) {
				problems.push(
					`${file} names ${other.displayName}'s credential type ${other.credentialType}`,
				);
			}
		}
	}
	return problems;
}

module.exports = { checkTarball, builtProviders, tarList };
