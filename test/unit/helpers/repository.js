'use strict';
/**
 * File-system access for the unit tests that check the repository's wiring (test/unit/wiring.test.ts).
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
	readJson: (relative) => JSON.parse(fs.readFileSync(resolve(relative), 'utf8')),
	load: (relative) => require(resolve(relative)),
};
