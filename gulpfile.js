/**
 * Build steps that `n8n-node build` (plain tsc + icon copy) does not do.
 *
 * bundle: n8n community packages may not have runtime dependencies, but the node uses
 * libphonenumber-js. Its only import lives in nodes/engine/libphonenumber.ts; this
 * step replaces that file's compiled output with a self-contained CommonJS bundle of the library
 * and its full metadata, so dist/ requires nothing but n8n-workflow, zod and its own files.
 */
const { build } = require('esbuild');
const path = require('node:path');
const fs = require('node:fs');

const ENTRY = path.join(__dirname, 'nodes/engine/libphonenumber.ts');
const OUTPUT = path.join(__dirname, 'dist/nodes/engine/libphonenumber.js');
const ALLOWED_RUNTIME_REQUIRES = new Set(['n8n-workflow', 'zod']);

async function bundle() {
	if (!fs.existsSync(path.dirname(OUTPUT))) {
		throw new Error('dist/ is missing: run `n8n-node build` first (npm run build does both).');
	}
	await build({
		entryPoints: [ENTRY],
		outfile: OUTPUT,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node18',
		minify: true,
		legalComments: 'inline',
		logLevel: 'warning',
	});
	fs.rmSync(`${OUTPUT}.map`, { force: true });
	checkRuntimeRequires();
}

/** Fails the build if any shipped file requires a package n8n does not provide. */
function checkRuntimeRequires() {
	const offenders = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.js')) {
				const source = fs.readFileSync(full, 'utf8');
				for (const match of source.matchAll(/require\(["']([^"']+)["']\)/g)) {
					const name = match[1];
					if (name.startsWith('.') || ALLOWED_RUNTIME_REQUIRES.has(name)) continue;
					offenders.push(`${path.relative(__dirname, full)} requires "${name}"`);
				}
			}
		}
	};
	walk(path.join(__dirname, 'dist'));
	if (offenders.length) {
		throw new Error(
			`Shipped code requires packages n8n does not provide:\n${offenders.join('\n')}`,
		);
	}
}

exports.bundle = bundle;
exports.default = bundle;
