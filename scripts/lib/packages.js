'use strict';
/**
 * The single-service packages (packages/<name>/: package.json and README, nothing else), built
 * from the same sources as Contact Upsert. Staging copies into node_modules/.cache/packages/<name>/ exactly
 * the source files the package's node and credential import (followed through every relative
 * import), the icons and codex they name, the licence and the shared build configuration; the
 * package is then built, linted and packed there, so its dist/ holds its own vendor and the
 * engine, and nothing of another vendor.
 */

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, USER_FOLDERS } = require('./paths');
const { run, tail } = require('./processes');

const PACKAGES_DIR = path.join(ROOT, 'packages');
/** Where packages are staged and built: under node_modules/, which the repository's lint never reads. */
const STAGE_DIR = path.join(path.dirname(USER_FOLDERS), 'packages');
/** Where the packed tarballs go. */
const TARBALL_DIR = path.join(ROOT, '.cache', 'packages');
const BIN = path.join(ROOT, 'node_modules', '.bin');
/** Copied unchanged: the lint configuration stays the starter's two lines in every package. */
const SHARED_FILES = ['LICENSE', 'tsconfig.json', 'eslint.config.mjs', 'gulpfile.js'];
const STEP_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * The root's development tools a package builds with, at the root's versions (one lockfile):
 * libphonenumber-js is bundled into dist/, so n8n's lint expects it as a devDependency.
 */
const BUILD_TOOLS = [
	'@n8n/node-cli',
	'esbuild',
	'eslint',
	'gulp',
	'libphonenumber-js',
	'n8n-workflow',
	'typescript',
	'zod',
];

/** The single-service packages, by folder name (= npm name), with their package.json. */
function listPackages() {
	return fs
		.readdirSync(PACKAGES_DIR, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => {
			const dir = path.join(PACKAGES_DIR, entry.name);
			const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
			return { name: entry.name, dir, manifest, stageDir: path.join(STAGE_DIR, entry.name) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** `dist/nodes/Vambe/Vambe.node.js` → `nodes/Vambe/Vambe.node.ts`. */
function sourceOf(distFile) {
	return distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

/** The file a relative import names, from the importing file (both relative to ROOT). */
function resolveImport(fromFile, specifier) {
	const base = path.posix.join(path.posix.dirname(fromFile), specifier);
	for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
		if (
			fs.existsSync(path.join(ROOT, candidate)) &&
			fs.statSync(path.join(ROOT, candidate)).isFile()
		)
			return candidate;
	}
	throw new Error(`${fromFile} imports ${specifier}, which does not exist`);
}

/**
 * Every source file the entries need: the relative imports of each file followed to the end,
 * plus the icons (`file:…svg`) and codex files (`<Name>.node.json`) they name.
 */
function sourceClosure(entries) {
	const files = new Set();
	const pending = [...entries];
	while (pending.length > 0) {
		const file = pending.pop();
		if (files.has(file)) continue;
		files.add(file);
		if (!file.endsWith('.ts')) continue;
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const match of text.matchAll(/(?:from|import)\s+'(\.[^']+)'/g)) {
			pending.push(resolveImport(file, match[1]));
		}
		for (const match of text.matchAll(/'file:([^']+\.svg)'/g)) {
			pending.push(path.posix.join(path.posix.dirname(file), match[1]));
		}
		const codex = file.replace(/\.node\.ts$/, '.node.json');
		if (codex !== file && fs.existsSync(path.join(ROOT, codex))) files.add(codex);
	}
	return [...files].sort();
}

/** Copies what the package is built from into its stage folder (emptied first). */
function stage(pkg) {
	const { n8n } = pkg.manifest;
	const entries = [...n8n.nodes, ...n8n.credentials].map(sourceOf);
	const files = sourceClosure(entries);
	fs.rmSync(pkg.stageDir, { recursive: true, force: true });
	fs.mkdirSync(TARBALL_DIR, { recursive: true });
	for (const file of [...files, ...SHARED_FILES]) {
		const target = path.join(pkg.stageDir, file);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(path.join(ROOT, file), target);
	}
	for (const file of fs.readdirSync(pkg.dir)) {
		fs.copyFileSync(path.join(pkg.dir, file), path.join(pkg.stageDir, file));
	}
	const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const devDependencies = Object.fromEntries(
		BUILD_TOOLS.map((name) => [name, root.devDependencies[name]]),
	);
	fs.writeFileSync(
		path.join(pkg.stageDir, 'package.json'),
		`${JSON.stringify({ ...pkg.manifest, devDependencies }, null, '\t')}\n`,
	);
	return files;
}

async function step(pkg, label, command, args) {
	const result = await run(command, args, {
		cwd: pkg.stageDir,
		timeoutMs: STEP_TIMEOUT_MS,
		env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` },
	});
	if (result.code !== 0 || result.timedOut) {
		throw new Error(
			`${pkg.name}: ${label} failed (exit ${result.code})\n${tail(`${result.stdout}${result.stderr}`)}`,
		);
	}
	return result;
}

/**
 * Builds a staged package the way Contact Upsert is built (`n8n-node build`, then the
 * libphonenumber bundle, which also refuses any runtime require but n8n-workflow and zod), and
 * packs it. Resolves the tarball's path.
 */
async function buildAndPack(pkg) {
	await step(pkg, 'n8n-node build', 'n8n-node', ['build']);
	await step(pkg, 'bundle', 'gulp', ['bundle']);
	const packed = await step(pkg, 'npm pack', 'npm', [
		'pack',
		'--json',
		'--ignore-scripts',
		'--pack-destination',
		TARBALL_DIR,
	]);
	const [{ filename }] = JSON.parse(packed.stdout);
	return path.join(TARBALL_DIR, filename);
}

/**
 * Every package's tarball, built again only when a source changed since it was packed (the
 * path `npm start` takes). Resolves { '<name>': '<tarball path>' }.
 */
async function ensurePacked() {
	const { newestMtime, SOURCES } = require('./build');
	const newestSource = Math.max(
		...[...SOURCES, 'packages']
			.map((source) => path.join(ROOT, source))
			.filter((source) => fs.existsSync(source))
			.map((source) => newestMtime(source)),
	);
	const tarballs = {};
	for (const pkg of listPackages()) {
		const tgz = path.join(TARBALL_DIR, `${pkg.name}-${pkg.manifest.version}.tgz`);
		if (!fs.existsSync(tgz) || fs.statSync(tgz).mtimeMs < newestSource) {
			stage(pkg);
			tarballs[pkg.name] = await buildAndPack(pkg);
		} else {
			tarballs[pkg.name] = tgz;
		}
	}
	return tarballs;
}

/** `n8n-node lint` (strict) in the staged package, as its own repository would run it. */
async function lint(pkg) {
	await step(pkg, 'n8n-node lint', 'n8n-node', ['lint']);
}

module.exports = {
	PACKAGES_DIR,
	STAGE_DIR,
	listPackages,
	sourceClosure,
	stage,
	buildAndPack,
	ensurePacked,
	lint,
	step,
};
