import {
	providers,
	singleServiceProviders,
	type Provider,
	type ProviderId,
} from '../../../nodes/providers';
import { load, readJson } from '../helpers/repository';
import { tarballFolder, type TarballFolder } from '../helpers/tarballs';

/**
 * The check `npm run packages` runs on each single-service tarball, on tarballs made here: a
 * right one passes, and each kind of wrong content is named, for every package and every other
 * vendor.
 */

interface Manifest {
	name: string;
	dependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}
type Check = (tgz: string, manifest: Manifest, providers: readonly Provider<unknown>[]) => string[];

const { checkTarball } = load('scripts/lib/package-contents.js') as { checkTarball: Check };

let folder: TarballFolder;
beforeAll(() => {
	folder = tarballFolder();
});
afterAll(() => folder.remove());

/** A tarball as `npm pack` lays it out (`package/…`), of `files` ({ path: text }). */
const tarball = (name: string, files: Record<string, string>) => folder.make(name, files);

/** What a right package holds: its manifest, README, licence, node and credential. */
function rightFiles(manifest: Manifest): Record<string, string> {
	const files: Record<string, string> = {
		'package.json': JSON.stringify(manifest),
		'README.md': '# readme',
		LICENSE: 'MIT',
	};
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		files[file] = `'use strict';\nexports.x = 1;\n`;
	}
	return files;
}

const packages = providers
	.filter((provider) => singleServiceProviders.includes(provider.id as ProviderId))
	.map((provider) => {
		const manifest = readJson(`packages/n8n-nodes-${provider.id}/package.json`) as Manifest;
		const others = providers.filter((other) => other.id !== provider.id);
		return { provider, manifest, others };
	});
const perOtherVendor = packages.flatMap(({ provider, manifest, others }) =>
	others.map((other) => ({ name: manifest.name, own: provider.id, manifest, other })),
);

test.each(packages)('$manifest.name as packed: no problems', ({ manifest }) => {
	expect(
		checkTarball(tarball(`${manifest.name}-right`, rightFiles(manifest)), manifest, providers),
	).toEqual([]);
});

test.each(packages)(
	'$manifest.name with a runtime dependency, no README and another name: each named',
	({ manifest }) => {
		const files = rightFiles(manifest);
		delete files['README.md'];
		files['package.json'] = JSON.stringify({
			...manifest,
			name: `${manifest.name}-fork`,
			dependencies: { zod: '^3.0.0' },
		});
		expect(checkTarball(tarball(`${manifest.name}-wrong`, files), manifest, providers)).toEqual([
			`package.json name differs from packages/${manifest.name}/package.json`,
			'has runtime dependencies: zod',
			'README.md is missing',
		]);
	},
);

test.each(perOtherVendor)(
	"$name holding $other.displayName's provider module and credential type: both named",
	({ name, manifest, other }) => {
		const module = `dist/nodes/providers/${other.id}.js`;
		const files = {
			...rightFiles(manifest),
			[module]: 'exports.x = 1;\n',
			'dist/nodes/engine/run.js': `const types = ["${other.credentialType}"];\n`,
			'dist/nodes/engine/node.js': `const type = '${other.credentialType}';\n`,
		};
		expect(checkTarball(tarball(`${name}-${other.id}`, files), manifest, providers)).toEqual([
			`holds ${other.displayName}'s files: ${module}`,
			`dist/nodes/engine/node.js names ${other.displayName}'s credential type ${other.credentialType}`,
			`dist/nodes/engine/run.js names ${other.displayName}'s credential type ${other.credentialType}`,
		]);
	},
);
