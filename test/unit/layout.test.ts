import { listFilesDeep, readText } from './helpers/repository';

/**
 * The node's modules depend in one direction: the node description and the item loop use the
 * providers, the providers use shared/, and shared/ uses nothing above it.
 */
const SHARED = 'nodes/ContactUpsert/shared';

/** The relative imports of a module under shared/, as paths from the repository root. */
function relativeImports(file: string): string[] {
	const from = new URL(`${SHARED}/${file}`, 'file:///repository/');
	return Array.from(readText(`${SHARED}/${file}`).matchAll(/from '(\.[^']*)'/g), (match) =>
		new URL(match[1], from).pathname.replace('/repository/', ''),
	);
}

describe('nodes/ContactUpsert/shared', () => {
	const files = listFilesDeep(SHARED).filter((file) => file.endsWith('.ts'));

	it('has modules to check', () => {
		expect(files.length).toBeGreaterThan(5);
	});

	it.each(files)('%s imports nothing from above shared/', (file) => {
		const outside = relativeImports(file).filter((path) => !path.startsWith(`${SHARED}/`));
		expect(outside).toEqual([]);
	});
});
