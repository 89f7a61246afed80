'use strict';
/**
 * The process inside the namespace of ./namespace.js (its PID 1). Argument: JSON { dir,
 * hostNames }. Brings up loopback, bind-mounts a hosts file that sends `hostNames` to 127.0.0.1
 * and a resolv.conf with no reachable name server (a lookup of any other name fails at once
 * instead of waiting for a server this network cannot reach), then answers calls: one JSON line
 * { id, op, args } on stdin, one line `@inside { id, ok, result | error }` on stdout. Logs go to
 * stderr. When stdin closes it stops everything it started and exits.
 */

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { run, assertOk } = require('../processes');
const { PREFIX } = require('./namespace');
const { createOps } = require('./inside-ops');

const { dir, hostNames } = JSON.parse(process.argv[2]);

function reply(message) {
	process.stdout.write(`${PREFIX}${JSON.stringify(message)}\n`);
}

async function setUpNetwork() {
	assertOk(await run('ip', ['link', 'set', 'lo', 'up'], { timeoutMs: 10000 }), 'ip link set lo up');
	const etc = path.join(dir, 'etc');
	fs.mkdirSync(etc, { recursive: true });
	const hosts = path.join(etc, 'hosts');
	fs.writeFileSync(hosts, `127.0.0.1 localhost ${hostNames.join(' ')}\n::1 localhost\n`);
	const resolv = path.join(etc, 'resolv.conf');
	fs.writeFileSync(resolv, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
	for (const [file, target] of [
		[hosts, '/etc/hosts'],
		[resolv, '/etc/resolv.conf'],
	]) {
		assertOk(
			await run('mount', ['--bind', file, target], { timeoutMs: 10000 }),
			`mount --bind ${target}`,
		);
	}
}

async function main() {
	// PID 1 gets no default signal handlers: end cleanly on the usual ones.
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => shutdown(0));
	const ready = setUpNetwork();
	const ops = createOps({ dir });
	let stopping = null;
	async function shutdown(code) {
		if (!stopping)
			stopping = ops.stopAll().catch((error) => process.stderr.write(`${error.stack}\n`));
		await stopping;
		process.exit(code);
	}

	const lines = readline.createInterface({ input: process.stdin });
	lines.on('line', async (line) => {
		if (!line.trim()) return;
		const { id, op, args } = JSON.parse(line);
		try {
			await ready;
			if (op === 'shutdown') {
				await (stopping || (stopping = ops.stopAll()));
				reply({ id, ok: true, result: null });
				return;
			}
			if (op === 'ping') {
				reply({ id, ok: true, result: { pid: process.pid } });
				return;
			}
			if (typeof ops[op] !== 'function') throw new Error(`unknown op "${op}"`);
			reply({ id, ok: true, result: await ops[op](args || {}) });
		} catch (error) {
			reply({ id, ok: false, error: error.stack || String(error) });
		}
	});
	// The caller has gone (ended, crashed or was killed): nothing here may outlive it.
	lines.on('close', () => shutdown(0));
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
