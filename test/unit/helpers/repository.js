'use strict';
/**
 * File-system access for the unit tests that check the repository's wiring (test/unit/nodes/wiring.test.ts).
 * Plain JavaScript: the node's lint rules, which also apply to the TypeScript tests, forbid
 * Node built-ins there. Types: repository.d.ts.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const resolve = (relative) => path.join(ROOT, relative);

module.exports = {
	exists: (relative) => fs.existsSync(resolve(relative)),
	listFiles: (relative) => fs.readdirSync(resolve(relative)).sort(),
	listFilesDeep: (relative) =>
		fs
			.readdirSync(resolve(relative), { recursive: true })
			.map(String)
			.filter((file) => fs.statSync(path.join(resolve(relative), file)).isFile())
			.map((file) => file.split(path.sep).join('/'))
			.sort(),
	readText: (relative) => fs.readFileSync(resolve(relative), 'utf8'),
	readJson: (relative) => JSON.parse(fs.readFileSync(resolve(relative), 'utf8')),
	load: (relative) => require(resolve(relative)),
};
