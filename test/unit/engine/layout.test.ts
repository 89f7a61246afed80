import { listFilesDeep, readText } from '../helpers/repository';
import { providers } from '../../../nodes/providers';

/**
 * The node code depends in one direction: the node files (a description and a call into the
 * engine) use the providers and the engine, the providers use the engine, and the engine uses
 * nothing above it.
 */

/** The relative imports of a module, as paths from the repository root. */
function relativeImports(file: string): string[] {
	const from = new URL(file, 'file:///repository/');
	return Array.from(readText(file).matchAll(/from '(\.[^']*)'/g), (match) =>
		new URL(match[1], from).pathname.replace('/repository/', ''),
	);
}

function modulesUnder(folder: string): string[] {
	return listFilesDeep(folder)
		.filter((file) => file.endsWith('.ts'))
		.map((file) => `${folder}/${file}`);
}

describe.each([
	{ folder: 'nodes/engine', allowed: ['nodes/engine/'] },
	{ folder: 'nodes/providers', allowed: ['nodes/engine/', 'nodes/providers/'] },
])('$folder', ({ folder, allowed }) => {
	const files = modulesUnder(folder);

	it('has modules to check', () => {
		expect(files.length).toBeGreaterThan(5);
	});

	it.each(files)(`%s imports only from ${allowed.join(' and ')}`, (file) => {
		const outside = relativeImports(file).filter(
			(path) => !allowed.some((prefix) => path.startsWith(prefix)),
		);
		expect(outside).toEqual([]);
	});
});

describe('the engine knows no vendor', () => {
	const names = providers.flatMap((provider) => [provider.id, provider.displayName]);
	const files = listFilesDeep('nodes/engine').map((file) => `nodes/engine/${file}`);

	it.each(files)('%s names no provider of the registry', (file) => {
		const text = readText(file).toLowerCase();
		expect(names.filter((name) => text.includes(name.toLowerCase()))).toEqual([]);
	});
});
