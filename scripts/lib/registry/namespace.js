'use strict';
/**
 * A private network, mount and PID namespace in which a local registry can be
 * "registry.npmjs.org": `unshare -m -n -p -f --kill-child --mount-proc` runs ./inside.js, which
 * brings up loopback, bind-mounts a hosts file sending the public registry's name to 127.0.0.1
 * and then starts whatever it is asked to (Verdaccio, the vendor sandbox, n8n) as its children.
 *
 * Nothing outside can reach loopback ports inside a new network namespace, so the caller talks to
 * the process inside instead: one JSON line per call on its stdin, one JSON answer line on its stdout
 * (`call(op, args)`; the ops are in ./inside-ops.js). HTTP requests to n8n are made by the process inside.
 *
 * Nothing outlives the namespace: the process inside is its PID 1, so when it ends the kernel ends every
 * process in it; it ends when its stdin closes (the caller exited or was killed), and
 * `--kill-child` ends it if `unshare` itself is killed. The hosts file is bind-mounted only
 * inside, so the machine's /etc/hosts is never touched.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnTracked, killGroup, tail, isAlive } = require('../processes');

const INSIDE = path.join(__dirname, 'inside.js');
const PREFIX = '@inside ';

const RUN_PREFIX = 'community-install-';
const OWNER_FILE = 'owner.pid';

/**
 * A killed run cannot remove its folder (certificate, registry storage, n8n user folder); the
 * next run does, once the process that made it is gone. Folders kept on purpose
 * (E2E_KEEP_USER_FOLDER=1) have no owner file left and stay.
 */
function removeAbandonedRunFolders() {
	for (const name of fs.readdirSync(os.tmpdir())) {
		if (!name.startsWith(RUN_PREFIX)) continue;
		const dir = path.join(os.tmpdir(), name);
		let owner;
		try {
			owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
		} catch {
			continue;
		}
		if (owner && !isAlive(owner)) fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The unshare command line: root may create the namespaces; anyone else maps itself to root. */
function unshareArgs() {
	const args = ['-m', '-n', '-p', '-f', '--kill-child', '--mount-proc'];
	if (typeof process.getuid === 'function' && process.getuid() !== 0)
		args.unshift('--map-root-user');
	return args;
}

/**
 * Starts the namespace and its process inside. Options: hostNames (resolved to 127.0.0.1 inside),
 * keep (leave the run folder for inspection), echo (copy the log of the process inside to stderr).
 * Resolves { dir, call(op, args), log(), stop() }.
 */
async function startNamespace({ hostNames, keep = false, echo = false }) {
	removeAbandonedRunFolders();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
	fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
	let log = '';
	let buffer = '';
	let nextId = 1;
	const pending = new Map();
	const child = spawnTracked(
		'unshare',
		[...unshareArgs(), process.execPath, INSIDE, JSON.stringify({ dir, hostNames })],
		{
			cwd: dir,
			env: process.env,
			stdin: 'pipe',
			onOutput: (chunk) => {
				log += chunk;
				if (echo) process.stderr.write(chunk);
			},
			onStdout: (chunk) => {
				buffer += chunk;
				let newline;
				while ((newline = buffer.indexOf('\n')) >= 0) {
					const line = buffer.slice(0, newline);
					buffer = buffer.slice(newline + 1);
					if (line.startsWith(PREFIX)) answer(JSON.parse(line.slice(PREFIX.length)));
					else log += `${line}\n`;
				}
			},
		},
	);
	function answer({ id, ok, result, error }) {
		const waiter = pending.get(id);
		pending.delete(id);
		if (!waiter) return;
		if (ok) waiter.resolve(result);
		else waiter.reject(new Error(`${error}\n--- namespace log (tail) ---\n${tail(log)}`));
	}
	let exited = null;
	const exitedPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			for (const waiter of pending.values()) {
				waiter.reject(
					new Error(
						`the process inside the namespace exited (code ${code}, signal ${signal})\n${tail(log)}`,
					),
				);
			}
			pending.clear();
			resolve(exited);
		}),
	);
	child.stdin.on('error', () => {}); // the process inside may be gone already when we write

	/** Runs `op` inside the namespace; resolves its result, rejects with its error. */
	function call(op, args = {}) {
		if (exited)
			return Promise.reject(new Error(`the process inside the namespace has exited\n${tail(log)}`));
		const id = nextId++;
		return new Promise((resolve, reject) => {
			pending.set(id, { resolve, reject });
			child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
		});
	}

	async function stop() {
		if (!exited) {
			// The process inside stops n8n and the registry gracefully, then exits; a bounded wait, then the group.
			await call('shutdown').catch(() => {});
			child.stdin.end();
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 30000);
			await exitedPromise;
			clearTimeout(timer);
		}
		if (keep) fs.rmSync(path.join(dir, OWNER_FILE), { force: true });
		else fs.rmSync(dir, { recursive: true, force: true });
	}

	try {
		await call('ping');
	} catch (error) {
		await stop();
		throw new Error(
			`could not start the namespace (unshare ${unshareArgs().join(' ')}): ${error.message}`,
		);
	}
	return { dir, call, log: () => log, stop };
}

module.exports = { startNamespace, PREFIX };
