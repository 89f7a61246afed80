'use strict';
/**
 * A service's server process: spawned in its own process group, its output kept (the tail goes
 * into error messages), waited for until a readiness check passes, and stopped with a signal
 * that becomes SIGKILL when the process does not end in time. Every wait is bounded.
 */

const { spawn } = require('node:child_process');

const { sleep, tail } = require('../processes');

/** Sends `signal` to the process group of `pid` (falls back to the process alone). */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/**
 * Spawns `command` and resolves its handle once `ready()` resolves true (polled every 250 ms).
 * Rejects (after killing it) when it exits first or is not ready within `timeoutMs`.
 * Options: args, env, uid/gid (run as another user), name (for messages), stopSignal.
 * Handle: { pid, output(), exited (promise), stop(timeoutMs) }.
 */
async function startServerProcess(command, options) {
	const {
		args = [],
		env = process.env,
		uid,
		gid,
		name = command,
		stopSignal = 'SIGTERM',
	} = options;
	const child = spawn(command, args, {
		env,
		uid,
		gid,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	for (const stream of [child.stdout, child.stderr]) {
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => (output += chunk));
	}
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.on('error', (error) => resolve((exitInfo = { code: -1, signal: null, error })));
		child.on('exit', (code, signal) => resolve((exitInfo = { code, signal })));
	});

	const handle = {
		pid: child.pid,
		output: () => output,
		exited,
		/** Asks the process to end; SIGKILL to its group after `timeoutMs`. */
		async stop(timeoutMs = 15000) {
			if (!exitInfo) {
				signalGroup(child.pid, stopSignal);
				const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), timeoutMs);
				await exited;
				clearTimeout(timer);
			}
			signalGroup(child.pid, 'SIGKILL');
			return exitInfo;
		},
		/** Synchronous last resort (for the exit and signal handlers). */
		kill() {
			if (!exitInfo) signalGroup(child.pid, 'SIGKILL');
		},
	};

	const started = Date.now();
	for (;;) {
		if (exitInfo) {
			const how = exitInfo.error
				? exitInfo.error.message
				: `exit ${exitInfo.code}${exitInfo.signal ? `, ${exitInfo.signal}` : ''}`;
			throw new Error(`${name} ended while starting (${how})\n${tail(output)}`);
		}
		if (await options.ready().catch(() => false)) return handle;
		if (Date.now() - started > options.timeoutMs) {
			await handle.stop(2000);
			throw new Error(`${name} was not ready within ${options.timeoutMs} ms\n${tail(output)}`);
		}
		await sleep(250);
	}
}

module.exports = { startServerProcess, sleep, tail };
