import { listFilesDeep, readText } from './helpers/repository';

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
