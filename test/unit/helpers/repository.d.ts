/** File-system access relative to the repository root (see repository.js). */
export function exists(relative: string): boolean;
/** The names in a folder, sorted. */
export function listFiles(relative: string): string[];
export function readJson(relative: string): unknown;
/** require() of a repository module (the sandbox, the scripts, the e2e helpers). */
export function load(relative: string): unknown;
