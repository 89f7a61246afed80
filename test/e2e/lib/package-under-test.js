'use strict';
/**
 * Hands the packed tarball(s) from the jest globalSetup to the test files. A file rather than an
 * environment variable: test workers may already be running with the environment they started with.
 *
 * `packagesForInstall()` is the list the community-install test installs through n8n's own API:
 * Contact Upsert, plus every single-service package of VENDOR_PACKAGES whose tarball the global
 * setup recorded with `recordVendorPackages()`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../../../scripts/lib/paths');
const { PACKAGE_NAME, NODE_TYPE } = require('../../../scripts/lib/workflow-nodes');

const INFO_FILE = path.join(ROOT, '.cache', 'e2e', 'package-under-test.json');

/**
 * The single-service packages (../shared/INTERFACE.md): each shares its credential type with
 * Contact Upsert, and its node takes Contact Upsert's parameters for `provider` without
 * `provider` itself.
 */
const VENDOR_PACKAGES = [
	{ name: 'n8n-nodes-vambe', nodeType: 'n8n-nodes-vambe.vambe', provider: 'vambe' },
	{ name: 'n8n-nodes-rampwin', nodeType: 'n8n-nodes-rampwin.rampwin', provider: 'rampwin' },
	{
		name: 'n8n-nodes-hypersender',
		nodeType: 'n8n-nodes-hypersender.hypersender',
		provider: 'hypersender',
	},
];
const CREDENTIAL_TYPES = {
	vambe: 'vambeApi',
	rampwin: 'rampwinApi',
	hypersender: 'hypersenderApi',
};

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
	const vendors = VENDOR_PACKAGES.filter((pkg) => info.vendorTarballs?.[pkg.name]).map((pkg) => ({
		...pkg,
		tgz: existing(info.vendorTarballs[pkg.name]),
		providerParameter: false,
		credentialType: CREDENTIAL_TYPES[pkg.provider],
	}));
	return [
		{
			name: PACKAGE_NAME,
			tgz: existing(info.tgz),
			nodeType: NODE_TYPE,
			provider: 'hypersender',
			providerParameter: true,
			credentialType: CREDENTIAL_TYPES.hypersender,
		},
		...vendors,
	];
}

module.exports = {
	recordPackedPackage,
	recordVendorPackages,
	packedPackage,
	packagesForInstall,
	VENDOR_PACKAGES,
};
