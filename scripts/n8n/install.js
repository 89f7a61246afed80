#!/usr/bin/env node
'use strict';
// Install the pinned n8n versions used by the end-to-end tests, the demo and `npm start`.
// Usage: node scripts/n8n/install.js [v1|v2|all]   (default: all)

const { ensureN8n, MAJORS, installDir } = require('../lib/n8n');
const { logger, seconds } = require('../lib/log');

const log = logger('n8n');

async function main() {
	const which = process.argv[2] || 'all';
	const majors = which === 'all' ? MAJORS : [which];
	for (const major of majors) {
		if (!MAJORS.includes(major)) {
			process.stderr.write(`usage: node scripts/n8n/install.js [${MAJORS.join('|')}|all]\n`);
			process.exitCode = 2;
			return;
		}
	}
	for (const major of majors) {
		const started = Date.now();
		await ensureN8n(major);
		log(`${major}: ${installDir(major)} (${seconds(Date.now() - started)})`);
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
