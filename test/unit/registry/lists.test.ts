import type { INodeType } from 'n8n-workflow';

import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';
import {
	providers,
	singleServiceProviders,
	type Provider,
	type ProviderId,
} from '../../../nodes/providers';
import { SECRETS, testCredentials } from '../helpers/credentials';
import { UPSERT_CASES } from '../helpers/upsertCases';
import {
	credentialClassName,
	credentialsAt,
	credentialFile,
	E2E_CREDENTIALS,
	loadCredentialType,
	SANDBOX_CREDENTIALS,
	SANDBOX_VENDORS,
} from '../helpers/registry';
import { exists, listFiles, load, readJson, readText } from '../helpers/repository';

/**
 * Everything outside the node code that lists vendors, checked against the provider registry.
 * STEPS is the README's "Adding a vendor" list, word for word: each step is checked for every
 * registered provider, so a vendor added to the registry without one of them fails here.
 */

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}
interface Codex {
	alias: string[];
}

const { credentialLines } = load('sandbox/cli') as {
	credentialLines: (credentials: Record<string, Record<string, string>>) => string[];
};
const { LABELS } = load('scripts/lib/demo-summary') as { LABELS: Record<string, string> };
const e2eSeed = load('test/e2e/lib/seed') as Record<string, Record<string, string>>;
const packageJson = readJson('package.json') as {
	keywords: string[];
	n8n: { credentials: string[] };
};
const demo = readJson('examples/demo-sync.workflow.json') as { nodes: WorkflowNode[] };
const contactUpsert = new ContactUpsert().description;

/** The node folders next to nodes/engine and nodes/providers, with their node and codex. */
const nodeFolders = listFiles('nodes')
	.filter((folder) => exists(`nodes/${folder}/${folder}.node.ts`))
	.map((folder) => {
		const exported = load(`nodes/${folder}/${folder}.node.ts`) as Record<
			string,
			new () => INodeType
		>;
		const { description } = new exported[folder]();
		const codex = readJson(`nodes/${folder}/${folder}.node.json`) as Codex;
		return { folder, description, codex };
	});

/** Every sandbox vendor's credential values, as `sandbox.credentials()` gives them. */
const sandboxCredentials = Object.fromEntries(
	SANDBOX_VENDORS.map((vendor) => [vendor.id, credentialsAt(vendor, 'http://127.0.0.1:1')]),
);

const sandboxVendor = (provider: Provider<unknown>) =>
	SANDBOX_VENDORS.find((vendor) => vendor.id === provider.id);

/** The demo's sample CSV rows whose last column (provider) is the given id. */
function demoRows(id: string): string[] {
	const code = String(
		demo.nodes.find((node) => node.type === 'n8n-nodes-base.code')?.parameters.jsCode,
	);
	return code.split('\n').filter((line) => line.split(',').pop() === id);
}

const STEPS: Array<{ readme: string; check: (provider: Provider<unknown>) => void }> = [
	{
		readme:
			'`nodes/providers/<vendor>.ts` (or a `nodes/providers/<vendor>/` folder): its fields, schema, request and answer; and its line in `registry` in `nodes/providers/index.ts`.',
		check: (provider) => {
			expect(
				exists(`nodes/providers/${provider.id}.ts`) ||
					exists(`nodes/providers/${provider.id}/index.ts`),
			).toBe(true);
		},
	},
	{
		readme:
			"`credentials/<Vendor>Api.credentials.ts`, named after the provider's `credentialType` and shown as `<Vendor> API`, and its line in `package.json` `n8n.credentials`.",
		check: (provider) => {
			expect(exists(credentialFile(provider.credentialType))).toBe(true);
			const credential = loadCredentialType(provider.credentialType);
			expect(credential).toMatchObject({
				name: provider.credentialType,
				displayName: `${provider.displayName} API`,
			});
			expect(packageJson.n8n.credentials).toContain(
				`dist/credentials/${credentialClassName(provider.credentialType)}.credentials.js`,
			);
		},
	},
	{
		readme: "A light and a dark icon in `icons/`, the files the credential's `icon` names.",
		check: (provider) => {
			const icon = loadCredentialType(provider.credentialType)?.icon as
				| { light: string; dark: string }
				| undefined;
			expect(icon).toEqual({ light: expect.any(String), dark: expect.any(String) });
			for (const file of [icon!.light, icon!.dark]) {
				expect({ file, exists: exists(`credentials/${file.replace(/^file:/, '')}`) }).toEqual({
					file,
					exists: true,
				});
			}
			expect(icon!.light).not.toBe(icon!.dark);
		},
	},
	{
		readme:
			"The vendor's name in Contact Upsert's codex `alias` (`nodes/ContactUpsert/ContactUpsert.node.json`), in its description and in `package.json` `keywords`; a node of its own, if it has one, carries the name in its codex `alias` too.",
		check: (provider) => {
			for (const { folder, description, codex } of nodeFolders) {
				const asks = (description.credentials ?? []).some(
					(credential) => credential.name === provider.credentialType,
				);
				if (asks)
					expect({ folder, alias: codex.alias }).toEqual({
						folder,
						alias: expect.arrayContaining([provider.displayName]),
					});
			}
			expect(contactUpsert.description).toContain(provider.displayName);
			expect(packageJson.keywords).toContain(provider.id);
		},
	},
	{
		readme:
			"`sandbox/vendors/<vendor>.js` exporting `VENDOR` (the provider's id, display name and credential type, and a sandbox credential id), and its line in `sandbox/vendors/index.js`. The sandbox CLI, the demo summary and the sandbox, e2e and bench credentials are built from it.",
		check: (provider) => {
			expect(exists(`sandbox/vendors/${provider.id}.js`)).toBe(true);
			const vendor = sandboxVendor(provider);
			expect(vendor).toMatchObject({
				id: provider.id,
				displayName: provider.displayName,
				credentialType: provider.credentialType,
				sandboxCredentialId: expect.any(String),
			});
			expect(credentialLines(sandboxCredentials)).toContainEqual(
				expect.stringMatching(new RegExp(`^  ${provider.displayName} API +baseUrl `)),
			);
			expect(LABELS[provider.id]).toBe(provider.displayName);
			expect(SANDBOX_CREDENTIALS[provider.id]).toEqual({
				id: vendor!.sandboxCredentialId,
				name: `${provider.displayName} (sandbox)`,
				type: provider.credentialType,
			});
			expect(E2E_CREDENTIALS[provider.id]).toMatchObject({ type: provider.credentialType });
		},
	},
	{
		readme:
			'Rows for it in the demo, `examples/demo-sync.workflow.json`: sample contacts with its id as `provider`, a "Route by provider" rule and an `Upsert to <Vendor>` node.',
		check: (provider) => {
			expect(demoRows(provider.id).length).toBeGreaterThan(0);
			expect(JSON.stringify(demo.nodes)).toContain(`"rightValue":"${provider.id}"`);
			expect(demo.nodes.find((node) => node.name === `Upsert to ${provider.displayName}`)).toEqual(
				expect.objectContaining({ parameters: expect.objectContaining({ provider: provider.id }) }),
			);
		},
	},
	{
		readme:
			"Its e2e seed in `test/e2e/lib/seed.js`: the secrets and account ids of the sandbox's seed, the same values the sandbox gives its credential.",
		check: (provider) => {
			const seed = e2eSeed[provider.id];
			expect(seed).toEqual(expect.any(Object));
			const sandbox = sandboxCredentials[provider.id];
			const shared = Object.keys(seed).filter((field) => field in sandbox);
			expect(shared.length).toBeGreaterThan(0);
			for (const field of shared) {
				expect({ field, value: seed[field] }).toEqual({ field, value: sandbox[field] });
			}
		},
	},
	{
		readme:
			'Its unit-test credential in `test/unit/helpers/credentials.ts` (`SECRETS` and `testCredentials`), its upsert case in `test/unit/helpers/upsertCases.ts`, and its test tables `test/unit/fixtures/<vendor>/cases.json` and `run.json`.',
		check: (provider) => {
			expect(SECRETS).toHaveProperty(provider.credentialType);
			expect(testCredentials[provider.credentialType]).toEqual(expect.any(Object));
			expect(UPSERT_CASES.map((upsert) => upsert.provider)).toContain(provider.id);
			for (const table of ['cases.json', 'run.json']) {
				expect({ table, exists: exists(`test/unit/fixtures/${provider.id}/${table}`) }).toEqual({
					table,
					exists: true,
				});
			}
		},
	},
	{
		readme:
			'Unless it has an n8n node of its own: its id in `singleServiceProviders` in `nodes/providers/index.ts`, a node `nodes/<Vendor>/<Vendor>.node.ts` with its codex, and `packages/n8n-nodes-<vendor>/` with its `package.json` and `README.md`; `npm run packages` builds, lints and checks it, and the e2e suite installs it.',
		check: (provider) => {
			const single = singleServiceProviders.includes(provider.id as ProviderId);
			const name = provider.displayName;
			expect({ node: exists(`nodes/${name}/${name}.node.ts`), single }).toEqual({
				node: single,
				single,
			});
			expect({ codex: exists(`nodes/${name}/${name}.node.json`), single }).toEqual({
				codex: single,
				single,
			});
			for (const file of ['package.json', 'README.md']) {
				expect({ file, present: exists(`packages/n8n-nodes-${provider.id}/${file}`) }).toEqual({
					file,
					present: single,
				});
			}
		},
	},
];

/** The numbered list under the README's "### Adding a vendor", one entry per item. */
function readmeSteps(): string[] {
	const readme = readText('README.md');
	const start = readme.indexOf('\n### Adding a vendor\n');
	expect(start).toBeGreaterThan(-1);
	const section = readme.slice(start + 1).split(/\n#{1,3} /)[0];
	const items: string[] = [];
	for (const line of section.split('\n')) {
		const numbered = /^\d+\. (.*)$/.exec(line);
		if (numbered) items.push(numbered[1]);
		else if (/^ {3}\S/.test(line) && items.length) items[items.length - 1] += ` ${line.trim()}`;
	}
	return items;
}

describe('the README\'s "Adding a vendor" list', () => {
	it('is exactly the steps this test checks, in order', () => {
		expect(readmeSteps()).toEqual(STEPS.map((step) => step.readme));
	});
});

describe.each(providers.map((provider) => [provider.id, provider] as const))(
	'provider %s',
	(_id, provider) => {
		it.each(STEPS.map((step, index) => [index + 1, step] as const))(
			'has step %i of "Adding a vendor"',
			(_index, step) => {
				step.check(provider);
			},
		);
	},
);

describe('no list names a vendor the registry does not know', () => {
	const ids = providers.map((provider) => provider.id).sort();
	const types = providers.map((provider) => provider.credentialType).sort();

	it.each([
		['the sandbox vendors', SANDBOX_VENDORS.map((vendor) => vendor.id)],
		['the demo summary labels', Object.keys(LABELS)],
		['the sandbox credentials', Object.keys(SANDBOX_CREDENTIALS)],
		['the e2e seed', Object.keys(e2eSeed)],
		[
			'the Contact Upsert nodes of the demo',
			demo.nodes
				.filter((node) => node.type === 'n8n-nodes-contact-upsert.contactUpsert')
				.map((node) => String(node.parameters.provider)),
		],
	])('%s', (_name, listed) => {
		expect([...listed].sort()).toEqual(ids);
	});

	it('the unit-test secrets and credentials', () => {
		expect(Object.keys(SECRETS).sort()).toEqual(types);
		expect(Object.keys(testCredentials).sort()).toEqual(types);
	});

	it('the sandbox CLI prints one credential per vendor', () => {
		const named = credentialLines(sandboxCredentials).filter((line) => / API /.test(line));
		expect(named.map((line) => line.trim().split(' API ')[0])).toEqual(
			SANDBOX_VENDORS.map((vendor) => vendor.displayName),
		);
	});
});
