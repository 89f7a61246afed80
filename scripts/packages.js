#!/usr/bin/env node
'use strict';
/**
 * Builds and checks every single-service package (packages/<name>/), as CI and the publish
 * workflow do: stage the package's own sources, `n8n-node lint` (strict) there, build, pack,
 * check the tarball holds its own vendor only, run n8n's community-package scanner on the
 * tarball and the sources, and `npm publish --dry-run` the tarball. Contact Upsert (the
 * repository root) gets the same scanner and dry run. Tarballs land in .cache/packages/.
 *
 *   npm run packages                       every package
 *   npm run packages -- n8n-nodes-vambe    some of them
 *   npm run packages -- --no-checks        stage, build and pack only (what the e2e set-up needs)
 */

const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib/paths');
const { logger, seconds } = require('./lib/log');
const { run, tail } = require('./lib/processes');
const { TARBALL_DIR, listPackages, stage, lint, buildAndPack } = require('./lib/packages');
const { checkTarball } = require('./lib/package-contents');

const log = logger('packages');

async function npm(args, cwd) {
	const result = await run('npm', args, { cwd, timeoutMs: 5 * 60 * 1000 });
	if (result.code !== 0) {
		throw new Error(`npm ${args.join(' ')} failed\n${tail(`${result.stdout}${result.stderr}`)}`);
	}
	return result;
}

async function main() {
	const args = process.argv.slice(2);
	const checks = !args.includes('--no-checks');
	const wanted = args.filter((arg) => !arg.startsWith('--'));
	const all = listPackages();
	const unknown = wanted.filter((name) => !all.some((pkg) => pkg.name === name));
	if (unknown.length > 0) throw new Error(`No package ${unknown.join(', ')} under packages/`);
	const selected = wanted.length > 0 ? all.filter((pkg) => wanted.includes(pkg.name)) : all;

	const tarballs = [];
	for (const pkg of selected) {
		const started = Date.now();
		const files = stage(pkg);
		if (checks) await lint(pkg);
		const tgz = await buildAndPack(pkg);
		tarballs.push({ name: pkg.name, tgz, dir: pkg.stageDir });
		if (checks) {
			const problems = checkTarball(tgz, pkg.manifest);
			if (problems.length > 0) throw new Error(`${pkg.name}:\n  ${problems.join('\n  ')}`);
		}
		log(
			`${pkg.name}: ${files.length} source files staged, ${checks ? 'linted, ' : ''}built and packed ` +
				`in ${seconds(Date.now() - started)}: ${path.relative(ROOT, tgz)}`,
		);
	}
	if (!checks) return;

	const scan = await run(
		'node',
		[path.join(ROOT, 'scripts', 'scan-package.mjs'), ...tarballs.map((entry) => entry.dir)],
		{ timeoutMs: 10 * 60 * 1000 },
	);
	process.stdout.write(scan.stdout);
	if (scan.code !== 0) throw new Error(`The scanner failed\n${tail(scan.stderr)}`);

	// What `npm publish` would upload, checked by npm itself (metadata, files, version).
	const rootManifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	for (const { name, tgz } of tarballs) {
		await npm(['publish', '--dry-run', '--ignore-scripts', tgz], TARBALL_DIR);
		log(`${name}: npm publish --dry-run passed`);
	}
	await npm(['publish', '--dry-run', '--ignore-scripts'], ROOT);
	log(`${rootManifest.name}: npm publish --dry-run passed`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
