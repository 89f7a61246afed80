'use strict';
/**
 * What `npm pack` ships: only dist/, README, LICENSE and package.json; no runtime dependencies; and
 * compiled code that requires nothing but n8n-workflow, zod and its own files (libphonenumber-js is
 * bundled by the build).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { packedPackage } = require('./lib/package-under-test');

let dir;
let files;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contact-upsert-pack-'));
	execFileSync('tar', ['-xzf', packedPackage(), '-C', dir]);
	files = execFileSync('tar', ['-tzf', packedPackage()], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.map((entry) => entry.replace(/^package\//, ''));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('ships only the built package, the README, the license and package.json', () => {
	const outside = files.filter(
		(file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file),
	);
	expect(outside).toEqual([]);
	expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
	expect(
		files.filter((file) => /\.(map|d\.ts|tsbuildinfo)$/.test(file) || file.startsWith('dist/docs')),
	).toEqual([]);
});

test('ships the node, the four credentials and their icons', () => {
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8'));
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		expect(files).toContain(file);
	}
	expect(manifest.n8n.credentials).toHaveLength(4);
	expect(
		files.filter((file) => file.startsWith('dist/icons/') && file.endsWith('.svg')),
	).toHaveLength(10);
});

test('declares no runtime dependencies and n8n-workflow as its only peer', () => {
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8'));
	expect(manifest.dependencies).toBeUndefined();
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(manifest.keywords).toContain('n8n-community-node-package');
	expect(manifest.license).toBe('MIT');
});

test('requires nothing but n8n-workflow, zod and its own files', () => {
	const required = new Set();
	for (const file of files.filter((name) => name.endsWith('.js'))) {
		const source = fs.readFileSync(path.join(dir, 'package', file), 'utf8');
		for (const match of source.matchAll(/require\((["'`])([^"'`]+)\1\)/g)) {
			if (!match[2].startsWith('.')) required.add(match[2]);
		}
	}
	expect([...required].sort()).toEqual(['n8n-workflow', 'zod']);
	expect(files).toContain('dist/nodes/engine/libphonenumber.js');
});
