'use strict';
/** Finding the system programs the services need, with an error that says how to get them. */

const fs = require('node:fs');
const path = require('node:path');

const INSTALL_HINT = {
	'redis-server': 'apt-get install -y redis-server',
	initdb: 'apt-get install -y postgresql',
};

/** The first executable `name` on PATH or in `extraDirs`; throws with an install hint. */
function findExecutable(name, extraDirs = []) {
	const dirs = [...(process.env.PATH || '').split(path.delimiter).filter(Boolean), ...extraDirs];
	for (const dir of dirs) {
		const file = path.join(dir, name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not here
		}
	}
	const hint = INSTALL_HINT[name] ? ` (Debian/Ubuntu: ${INSTALL_HINT[name]})` : '';
	throw new Error(`${name} is not installed${hint}`);
}

/**
 * The bin folder of the newest PostgreSQL under /usr/lib/postgresql/<version>/bin (Debian keeps
 * initdb and postgres there, off PATH), or PG_BIN_DIR when set.
 */
function postgresBinDir() {
	if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length > 0) return path.join(root, versions[0], 'bin');
	return path.dirname(findExecutable('initdb'));
}

module.exports = { findExecutable, postgresBinDir };
