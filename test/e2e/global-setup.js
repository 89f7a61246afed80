'use strict';
/**
 * globalSetup of the jest `e2e` project: build the package, pack it the way it is published, and
 * make sure the pinned n8n installs exist (scripts/lib/workspace.js: the path the demo, `npm
 * start` and the benchmark take too). The first run installs n8n (several minutes per version);
 * later runs find them in .cache/n8n and only check them. One after the other: the installs are
 * CPU- and disk-heavy.
 *
 *   E2E_SKIP_BUILD=1      pack the existing dist/ instead of running `npm run build` first
 *   E2E_N8N_VERSIONS=v2   only one n8n (see lib/versions.js)
 */
const path = require('node:path');
const n8n = require('../../scripts/lib/n8n');
const { logger, seconds } = require('../../scripts/lib/log');
const { ROOT } = require('../../scripts/lib/paths');
const workspace = require('../../scripts/lib/workspace');
const packages = require('../../scripts/lib/packages');
const { recordPackedPackage, recordVendorPackages } = require('./lib/package-under-test');
const { selectedMajors } = require('./lib/versions');

const log = logger('e2e');

module.exports = async function globalSetup() {
	process.stderr.write('\n');
	let started = Date.now();
	const skipBuild = process.env.E2E_SKIP_BUILD === '1';
	const { tgz, build } = await workspace.buildAndPack({ build: skipBuild ? 'never' : 'always' });
	recordPackedPackage(tgz);
	log(
		`${skipBuild ? 'build skipped (E2E_SKIP_BUILD=1), existing dist/ packed' : `build ${seconds(build.ms)}, pack`} ` +
			`in ${seconds(Date.now() - started)}: ${path.relative(ROOT, tgz)}`,
	);

	// The single-service packages, built from the same sources (npm run packages without its
	// checks, which CI runs on its own).
	started = Date.now();
	const vendorTarballs = {};
	for (const pkg of packages.listPackages()) {
		packages.stage(pkg);
		vendorTarballs[pkg.name] = await packages.buildAndPack(pkg);
	}
	recordVendorPackages(vendorTarballs);
	log(
		`${Object.keys(vendorTarballs).join(', ')}: staged, built and packed in ${seconds(Date.now() - started)}`,
	);

	for (const major of selectedMajors()) {
		started = Date.now();
		const cached = n8n.isInstalled(major);
		await n8n.ensureN8n(major);
		log(
			`${n8n.describeMajor(major)}: ${cached ? 'cached install checked' : 'installed'} in ${seconds(Date.now() - started)}`,
		);
	}
};
