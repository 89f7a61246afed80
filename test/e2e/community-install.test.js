'use strict';
/**
 * The install path users take: Settings → Community Nodes → Install, which makes n8n check the
 * registry, `npm pack` the package and install it. Here n8n does exactly that, through its own
 * community-package REST API as the signed-in owner, from a real npm registry (Verdaccio) that it
 * reaches as https://registry.npmjs.org inside a private network namespace (lib/community-fixture.js).
 *
 * For every package of packagesForInstall(), in order: install it, run a saved workflow with its
 * node against the sandbox, update to the next release (the saved workflow still runs), uninstall.
 * Then each vendor package together with Contact Upsert (one shared credential for both nodes),
 * and an n8n with unverified packages turned off (n8n 3.0's default) refusing the install.
 * The tests of one package build on each other, like the steps a user takes.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../../scripts/lib/paths');
const { useCommunityN8n } = require('./lib/community-fixture');
const { webhookWorkflow, storedContact, credentialData } = require('./lib/install-workflows');
const { packagesForInstall } = require('./lib/package-under-test');
const { selectedMajors, describeMajor } = require('./lib/versions');

// An install runs `npm pack` and `npm install` inside n8n; generous for a loaded CI machine.
jest.setTimeout(5 * 60 * 1000);

const PACKAGES = packagesForInstall();
const [CONTACT_UPSERT, ...VENDOR_PACKAGES] = PACKAGES;

describe.each(selectedMajors().map((major) => [describeMajor(major), major]))(
	'%s installing from the npm registry through Settings → Community Nodes',
	(_label, major) => {
		const n8n = useCommunityN8n(major, PACKAGES);
		let sequence = 0;

		const installed = async (name) =>
			(await n8n.rest('GET', '/rest/community-packages')).find((pkg) => pkg.packageName === name);

		/**
		 * Installs (`POST`) or updates (`PATCH`) `pkg` to `version` as Settings → Community Nodes
		 * does, timed; n8n must answer with that version installed. Resolves n8n's answer.
		 */
		async function putPackage(method, pkg, version) {
			const started = Date.now();
			const result = await n8n.rest(method, '/rest/community-packages', {
				name: pkg.name,
				version,
			});
			n8n.time(`${method === 'POST' ? 'install' : 'update'} ${pkg.name}`, Date.now() - started);
			expect(result).toMatchObject({ packageName: pkg.name, installedVersion: version });
			return result;
		}

		/** Saves a credential for `pkg` pointing at the sandbox; resolves { id, name }. */
		async function saveCredential(pkg, name) {
			const { id } = await n8n.rest('POST', '/rest/credentials', {
				name,
				type: pkg.credentialType,
				data: credentialData(pkg, n8n.sandbox),
			});
			return { id, name };
		}

		/** Saves and activates a webhook workflow with `pkg`'s node; resolves its webhook path. */
		async function saveActiveWorkflow(pkg, credential) {
			sequence += 1;
			const webhookPath = `community-install-${major}-${sequence}`;
			const workflow = webhookWorkflow(pkg, {
				name: `Install test ${sequence}: ${pkg.name}`,
				webhookPath,
				credential,
			});
			const { id, versionId } = await n8n.rest('POST', '/rest/workflows', workflow);
			await n8n.rest('POST', `/rest/workflows/${id}/activate`, { versionId });
			await n8n.waitForWebhook(webhookPath);
			return webhookPath;
		}

		/** Sends `contact` to the workflow; expects the node's output item and the stored contact. */
		async function upsertThroughWorkflow(pkg, webhookPath, contact) {
			const answer = await n8n.webhook(webhookPath, contact);
			if (answer.status !== 200) {
				// n8n's own log says why (a node type it does not know, a webhook not registered, …)
				process.stderr.write(`n8n's log (tail):\n${(await n8n.n8nOutput()).slice(-4000)}\n`);
			}
			expect({ status: answer.status, body: answer.body }).toMatchObject({
				status: 200,
				body: { provider: pkg.provider },
			});
			expect(await n8n.contacts(pkg.provider)).toEqual(
				expect.arrayContaining([expect.objectContaining(storedContact(pkg, contact))]),
			);
		}

		describe.each(PACKAGES.map((pkg) => [pkg.name, pkg]))('%s', (name) => {
			// with the versions the fixture published (known once its beforeAll has run)
			let pkg;
			let webhookPath;
			beforeAll(() => (pkg = n8n.published(name)));

			test('installs from the registry; n8n lists it with its node and the newer release', async () => {
				const result = await putPackage('POST', pkg, pkg.version);
				expect(result.installedNodes.map((node) => node.type)).toContain(pkg.nodeType);
				// The Settings page's "Update" notice comes from `npm outdated` against the registry.
				expect(await installed(pkg.name)).toMatchObject({
					installedVersion: pkg.version,
					updateAvailable: pkg.nextVersion,
				});
			});

			test('a saved workflow with the new node stores the contact at the vendor', async () => {
				const credential = await saveCredential(pkg, `${pkg.name} (sandbox)`);
				webhookPath = await saveActiveWorkflow(pkg, credential);
				await upsertThroughWorkflow(pkg, webhookPath, { phone: '+56961234567', firstName: 'Ana' });
			});

			test('updates to the newer release, and the saved workflow still runs', async () => {
				await putPackage('PATCH', pkg, pkg.nextVersion);
				const listed = await installed(pkg.name);
				expect(listed.installedVersion).toBe(pkg.nextVersion);
				expect(listed.updateAvailable).toBeUndefined();
				await upsertThroughWorkflow(pkg, webhookPath, {
					phone: '+56987654321',
					firstName: 'Bruno',
				});
			});

			test('uninstalls: n8n no longer lists the package nor knows its node', async () => {
				await n8n.rest('DELETE', `/rest/community-packages?name=${encodeURIComponent(pkg.name)}`);
				expect(await installed(pkg.name)).toBeUndefined();
				const lookup = await n8n.request('POST', '/rest/node-types', {
					nodeInfos: [{ name: pkg.nodeType, version: 1 }],
				});
				expect(JSON.stringify(lookup.body)).toMatch(/Unrecognized node type/);
			});
		});

		// Each vendor package beside Contact Upsert: both load, and one saved credential of the
		// shared credential type works in both nodes (the README's "Credentials" decision). A loop,
		// not describe.each: until vendor tarballs are recorded the list is empty, and so is this.
		for (const vendor of VENDOR_PACKAGES) {
			describe(`${vendor.name} together with ${CONTACT_UPSERT.name}`, () => {
				const combined = {
					...CONTACT_UPSERT,
					provider: vendor.provider,
					credentialType: vendor.credentialType,
				};

				// Uninstalled whatever the outcome, so the next pair starts from an empty instance.
				afterAll(async () => {
					for (const pkg of [vendor, CONTACT_UPSERT]) {
						if (await installed(pkg.name)) {
							await n8n.rest(
								'DELETE',
								`/rest/community-packages?name=${encodeURIComponent(pkg.name)}`,
							);
						}
					}
				});

				test('both install and load; one saved credential runs both nodes', async () => {
					for (const { name } of [CONTACT_UPSERT, vendor]) {
						const { version } = n8n.published(name);
						await n8n.rest('POST', '/rest/community-packages', { name, version });
					}
					const types = (await n8n.rest('GET', '/rest/community-packages')).flatMap((pkg) =>
						pkg.installedNodes.map((node) => node.type),
					);
					expect(types).toEqual(expect.arrayContaining([CONTACT_UPSERT.nodeType, vendor.nodeType]));

					const credential = await saveCredential(vendor, `${vendor.provider} shared (sandbox)`);
					await upsertThroughWorkflow(combined, await saveActiveWorkflow(combined, credential), {
						phone: '+56911110001',
						firstName: 'Carla',
					});
					await upsertThroughWorkflow(vendor, await saveActiveWorkflow(vendor, credential), {
						phone: '+56911110002',
						firstName: 'Diego',
					});
				});
			});
		}

		describe('with N8N_UNVERIFIED_PACKAGES_ENABLED=false (the default from n8n 3.0 on)', () => {
			beforeAll(() => n8n.startN8n('unverified-off', { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' }));
			afterAll(() => n8n.stopN8n('unverified-off'));

			test("the install is refused with n8n's message, and the README says what to set", async () => {
				const answer = await n8n.request(
					'POST',
					'/rest/community-packages',
					{ name: CONTACT_UPSERT.name, version: n8n.published(CONTACT_UPSERT.name).version },
					'unverified-off',
				);
				expect(answer.status).toBeGreaterThanOrEqual(400);
				expect(answer.body.message).toMatch(
					/Installation of unverified community packages is forbidden/,
				);

				const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
				expect(readme).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED=true');
			});
		});
	},
);
