/**
 * Runs n8n's community-package scanner (@n8n/scan-community-package) on this package the way n8n
 * does before listing a package for verification: ESLint with the community-node rules and
 * `allowInlineConfig: false` (disable comments do not count) over
 *   1. the packed tarball's JavaScript and package.json (what users install), and
 *   2. the node and credential sources with package.json (what provenance points at).
 * The registry, provenance and source-download steps are skipped: they need a published version.
 *
 * Usage: npm run build && npm run scan              (Contact Upsert, from the repository root)
 *        node scripts/scan-package.mjs <package dir>…  (built packages, e.g. .cache/packages/n8n-nodes-vambe)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageDirs =
	process.argv.length > 2 ? process.argv.slice(2).map((dir) => path.resolve(dir)) : [root];

/** Packs one package and scans its tarball and its sources; resolves whether both passed. */
async function scan(packageRoot) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'contact-upsert-scan-'));
	try {
		if (!fs.existsSync(path.join(packageRoot, 'dist'))) {
			throw new Error(`${packageRoot}/dist is missing: build the package first.`);
		}
		const [{ filename, files }] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
				cwd: packageRoot,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
			}),
		);
		const packageDir = path.join(work, 'package');
		execFileSync('tar', ['-xzf', path.join(work, filename), '-C', work]);
		console.log(`Packed ${filename}: ${files.length} files`);

		const legs = [
			['tarball (compiled JavaScript + package.json)', packageDir, ['**/*.js', 'package.json']],
			['sources (nodes, credentials, package.json)', packageRoot, SOURCE_FILE_PATTERNS],
		];
		let passed = true;
		for (const [name, dir, patterns] of legs) {
			const result = await analyzePackage(dir, patterns);
			console.log(
				`${result.passed ? 'PASS' : 'FAIL'} ${name}${result.message ? `: ${result.message}` : ''}`,
			);
			if (result.details) console.log(result.details);
			passed &&= result.passed;
		}
		return passed;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

let passed = true;
for (const dir of packageDirs) passed = (await scan(dir)) && passed;
process.exitCode = passed ? 0 : 1;
