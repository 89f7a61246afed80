'use strict';
/**
 * globalSetup of the jest `e2e` project: build the package, pack it the way it is published, and
 * make sure the pinned n8n installs exist. The first run installs n8n (several minutes per
 * version); later runs find them in .cache/n8n and only check them. One after the other: the
 * installs are CPU- and disk-heavy.
 *
 *   E2E_SKIP_BUILD=1      pack the existing dist/ instead of running `npm run build` first
 *   E2E_N8N_VERSIONS=v2   only one n8n (see lib/versions.js)
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../../scripts/lib/n8n');
const { recordPackedPackage } = require('./lib/package-under-test');
const { selectedMajors, describeMajor } = require('./lib/versions');

const BUILD_TIMEOUT_MS = 5 * 60 * 1000;

function log(message) {
	process.stderr.write(`[e2e] ${message}\n`);
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** `npm run build`, quiet unless it fails (its progress spinner would flood CI logs). */
function build() {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', 'build'], {
			cwd: n8n.ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) return resolve();
			const tail = output.trimEnd().split('\n').slice(-40).join('\n');
			reject(
				new Error(`npm run build failed (exit ${code}${signal ? `, ${signal}` : ''})\n${tail}`),
			);
		});
	});
}

module.exports = async function globalSetup() {
	process.stderr.write('\n');
	let started = Date.now();
	if (process.env.E2E_SKIP_BUILD === '1') {
		const nodeFile = path.join(n8n.ROOT, 'dist', 'nodes', 'ContactUpsert', 'ContactUpsert.node.js');
		if (!fs.existsSync(nodeFile)) {
			throw new Error('E2E_SKIP_BUILD=1 but dist/ has no built node: run `npm run build` first');
		}
		log('build skipped (E2E_SKIP_BUILD=1), packing the existing dist/');
	} else {
		await build();
		log(`build ${seconds(Date.now() - started)}`);
	}

	started = Date.now();
	const tgz = await n8n.packPackage();
	recordPackedPackage(tgz);
	log(`pack ${seconds(Date.now() - started)}: ${path.relative(n8n.ROOT, tgz)}`);

	for (const major of selectedMajors()) {
		started = Date.now();
		const cached = n8n.isInstalled(major);
		await n8n.ensureN8n(major);
		log(
			`${describeMajor(major)}: ${cached ? 'cached install checked' : 'installed'} in ${seconds(Date.now() - started)}`,
		);
	}
};
