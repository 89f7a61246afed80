/** A folder of made tarballs (see tarballs.js). */
export interface TarballFolder {
	/** Packs `files` ({ path: text }) as `npm pack` lays them out; returns the .tgz path. */
	make(name: string, files: Record<string, string>): string;
	/** Deletes the folder and every tarball made in it. */
	remove(): void;
}
export function tarballFolder(): TarballFolder;
