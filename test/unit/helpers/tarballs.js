'use strict';
/**
 * Tarballs made for the tests of the single-service package check, laid out as `npm pack` does
 * (`package/…`). Plain JavaScript: the node's lint rules, which also apply to the TypeScript
 * tests, forbid Node built-ins and child processes there. Types: tarballs.d.ts.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A folder for made tarballs; `make(name, files)` packs `{ path: text }`, `remove()` deletes all. */
function tarballFolder() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contact-upsert-tarballs-'));
	return {
		make(name, files) {
			const root = path.join(dir, name);
			for (const [file, text] of Object.entries(files)) {
				fs.mkdirSync(path.dirname(path.join(root, 'package', file)), { recursive: true });
				fs.writeFileSync(path.join(root, 'package', file), text);
			}
			const tgz = path.join(dir, `${name}.tgz`);
			execFileSync('tar', ['-czf', tgz, '-C', root, 'package']);
			return tgz;
		},
		remove: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

module.exports = { tarballFolder };
