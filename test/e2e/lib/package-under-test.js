'use strict';
/**
 * Hands the packed tarball(s) from the jest globalSetup to the test files. A file rather than an
 * environment variable: test workers may already be running with the environment they started with.
 *
 * `packagesForInstall()` is the list the community-install test installs through n8n's own API:
 * Contact Upsert, plus every single-service package whose tarball the global setup recorded with
 * `recordVendorPackages()` (all of packages/).
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../../../scripts/lib/paths');
const { PACKAGE_NAME, NODE_TYPE } = require('../../../scripts/lib/workflow-nodes');
const { builtProviders } = require('../../../scripts/lib/package-contents');

const INFO_FILE = path.join(ROOT, '.cache', 'e2e', 'package-under-test.json');

/**
 * A single-service package (packages/<name>/) as the install test sees it: its node type is
 * `<name>.<provider id>`, its credential type the one Contact Upsert's provider uses (shared,
 * see the README), its node Contact Upsert's parameters without `provider`.
 */
function vendorPackage(name, tgz) {
	const providerId = name.replace(/^n8n-nodes-/, '');
	const provider = builtProviders().find((candidate) => candidate.id === providerId);
	if (!provider) throw new Error(`${name} names no provider of the registry`);
	return {
		name,
		tgz: existing(tgz),
		nodeType: `${name}.${providerId}`,
		provider: providerId,
		providerParameter: false,
		credentialType: provider.credentialType,
	};
}

function readInfo() {
	try {
		return JSON.parse(fs.readFileSync(INFO_FILE, 'utf8'));
	} catch {
		throw new Error(
			`${path.relative(ROOT, INFO_FILE)} is missing: run the e2e tests through jest (TEST_SUITES=e2e npx jest), whose globalSetup builds and packs the package`,
		);
	}
}

function writeInfo(info) {
	fs.mkdirSync(path.dirname(INFO_FILE), { recursive: true });
	fs.writeFileSync(INFO_FILE, `${JSON.stringify(info, null, 2)}\n`);
}

/** Records Contact Upsert's tarball; forgets any vendor tarballs of an earlier run. */
function recordPackedPackage(tgzPath) {
	writeInfo({ tgz: tgzPath, vendorTarballs: {}, packedAt: new Date().toISOString() });
}

/** Records the vendor packages this run packed: { 'n8n-nodes-vambe': '/…/n8n-nodes-vambe-0.1.0.tgz' }. */
function recordVendorPackages(tarballs) {
	const info = readInfo();
	writeInfo({ ...info, vendorTarballs: { ...info.vendorTarballs, ...tarballs } });
}

function existing(tgz) {
	if (!fs.existsSync(tgz)) throw new Error(`The packed package ${tgz} is gone`);
	return tgz;
}

/** Path of the tarball this jest run packed (see test/e2e/global-setup.js). */
function packedPackage() {
	return existing(readInfo().tgz);
}

/**
 * The packages to install through n8n's community-package API, Contact Upsert first:
 * [{ name, tgz, nodeType, provider, providerParameter, credentialType }]. `provider` is the
 * sandbox vendor the install test upserts a contact with; `providerParameter` says whether the
 * node has the `provider` parameter (only Contact Upsert). Vendor packages appear once the global
 * setup records their tarballs.
 */
function packagesForInstall() {
	const info = readInfo();
	const vendors = Object.entries(info.vendorTarballs ?? {}).map(([name, tgz]) =>
		vendorPackage(name, tgz),
	);
	const contactUpsertCredential = builtProviders().find(
		(provider) => provider.id === 'hypersender',
	).credentialType;
	return [
		{
			name: PACKAGE_NAME,
			tgz: existing(info.tgz),
			nodeType: NODE_TYPE,
			provider: 'hypersender',
			providerParameter: true,
			credentialType: contactUpsertCredential,
		},
		...vendors,
	];
}

module.exports = {
	recordPackedPackage,
	recordVendorPackages,
	packedPackage,
	packagesForInstall,
};
