import { registry, singleServiceProviders } from '../../../nodes/providers';
import { listFilesDeep, readText } from '../helpers/repository';

/**
 * The single-service packages as npm and n8n's verification see them: one folder per registry
 * provider that ships alone, each naming only its own node and credential, released together
 * with Contact Upsert under one version and one tag scheme.
 */

interface Manifest {
	name: string;
	version: string;
	license: string;
	keywords: string[];
	homepage: string;
	repository: { url: string; directory?: string };
	bugs: { url: string };
	author: { name: string };
	dependencies?: Record<string, string>;
	peerDependencies: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

const root = JSON.parse(readText('package.json')) as Manifest;
const folders = [
	...new Set(
		listFilesDeep('packages')
			.filter((file) => file.endsWith('/package.json'))
			.map((file) => file.split('/')[0]),
	),
].sort();

it('packages/ holds exactly one package per single-service provider', () => {
	expect(folders).toEqual(singleServiceProviders.map((id) => `n8n-nodes-${id}`).sort());
	expect(folders).not.toContain('n8n-nodes-chatbotx');
});

describe.each(singleServiceProviders.map((id) => registry[id]))('n8n-nodes-$id', (provider) => {
	const name = `n8n-nodes-${provider.id}`;
	const manifest = JSON.parse(readText(`packages/${name}/package.json`)) as Manifest;

	it('registers its one node and its one credential, strict, with no runtime dependencies', () => {
		expect(manifest).toMatchObject({
			name,
			license: 'MIT',
			peerDependencies: { 'n8n-workflow': '*' },
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				nodes: [`dist/nodes/${provider.displayName}/${provider.displayName}.node.js`],
				credentials: [`dist/credentials/${provider.displayName}Api.credentials.js`],
			},
		});
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.keywords).toEqual(
			expect.arrayContaining(['n8n-community-node-package', provider.id]),
		);
	});

	it('is released with Contact Upsert: the same version, repository, author and bug tracker', () => {
		expect(manifest.version).toBe(root.version);
		expect(manifest.repository).toEqual({ ...root.repository, directory: `packages/${name}` });
		expect(manifest.author).toEqual(root.author);
		expect(manifest.bugs).toEqual(root.bugs);
		expect(manifest.homepage).toBe(
			`https://github.com/contact-upsert/n8n-nodes-contact-upsert/tree/main/packages/${name}#readme`,
		);
	});

	it('has a README of its own that names its node, credential and install name', () => {
		const readme = readText(`packages/${name}/README.md`);
		expect(readme).toContain(name);
		expect(readme).toContain(`${provider.displayName} API`);
		expect(readme).toContain('Create or update a contact');
	});
});

it('publishes with npm trusted publishing and provenance, no long-lived token', () => {
	const workflow = readText('.github/workflows/publish.yml');
	expect(workflow).toMatch(/id-token: write/);
	expect(workflow).toMatch(/--provenance/);
	expect(workflow).toMatch(/node-version: 24/);
	expect(workflow).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
	expect(workflow).toMatch(/\.cache\/packages\/\*\.tgz/);
});

describe.each(singleServiceProviders.map((id) => registry[id]))(
	"n8n-nodes-$id's README",
	(provider) => {
		const own = readText(`packages/n8n-nodes-${provider.id}/README.md`);
		const main = readText('README.md');
		/** The table rows of a section of the main README, links made absolute as in the package's. */
		const rows = (heading: string) => {
			const start = main.indexOf(`\n### ${heading}`);
			const end = main.indexOf('\n#', start + 1);
			return main
				.slice(start, end)
				.split('\n')
				.filter((line) => line.startsWith('| ') && !/^\|[-| ]+\|$/.test(line))
				.map((line) =>
					line.replace(/\]\(#/g, '](https://github.com/contact-upsert/n8n-nodes-contact-upsert#'),
				);
		};

		it.each([`${provider.displayName}\n`, `${provider.displayName} → `])(
			'carries the main README’s "%s" table as it is today',
			(heading) => {
				const expected = rows(heading);
				expect(expected.length).toBeGreaterThan(1);
				for (const row of expected) expect(own).toContain(row);
			},
		);
	},
);
