'use strict';
/**
 * Child processes: run a command and collect its output, keep track of long-running children,
 * end a process group. Every child runs in its own process group (so a timeout or stop() also
 * ends what it started, e.g. n8n's task runners), and none outlives this process.
 */

const { spawn } = require('node:child_process');
const { ROOT } = require('./paths');

const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The environment for child npm processes: when this library runs under `npm run …`/`npm test`,
 * npm exports the repository's own config (e.g. npm_config_ignore_scripts=true from .npmrc) and
 * package metadata; none of that may leak into the separate n8n install folders.
 */
function cleanNpmEnv(extra) {
	const env = {};
	const keep = new Set([
		'npm_config_cache',
		'npm_config_userconfig',
		'npm_config_globalconfig',
		'npm_config_registry',
	]);
	for (const [key, value] of Object.entries(process.env)) {
		const lower = key.toLowerCase();
		if (lower.startsWith('npm_') && !keep.has(lower)) continue;
		env[key] = value;
	}
	return Object.assign(env, extra);
}

/**
 * Run a command, collect its output. Never rejects on a non-zero exit code; rejects only when the
 * command cannot be started. `timeoutMs` kills the process (group) and marks the result.
 * Resolves { code, signal, stdout, stderr, ms, timedOut }.
 */
function run(command, args, options = {}) {
	const {
		cwd = ROOT,
		env = process.env,
		timeoutMs = DEFAULT_TIMEOUT_MS,
		input,
		echo = false,
	} = options;
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = track(
			spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true }),
		);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (echo) process.stderr.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (echo) process.stderr.write(chunk);
		});
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code: code === null ? -1 : code,
				signal,
				stdout,
				stderr,
				ms: Date.now() - started,
				timedOut,
			});
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

// Children run in their own process group (so a timeout or stop() also ends n8n's task runners);
// make sure none outlives this process when it exits normally or through process.exit().
const liveChildren = new Set();
let exitHookInstalled = false;

function track(child) {
	liveChildren.add(child);
	child.on('exit', () => liveChildren.delete(child));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.on('exit', () => {
			for (const running of liveChildren) killGroup(running, 'SIGKILL');
		});
	}
	return child;
}

function killGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

function tail(text, lines = 40) {
	return String(text || '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

function assertOk(result, what) {
	if (result.code !== 0 || result.timedOut) {
		throw new Error(
			`${what} failed (exit ${result.code}${result.signal ? `, signal ${result.signal}` : ''}${result.timedOut ? ', timed out' : ''})\n` +
				`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
		);
	}
	return result;
}

/**
 * Spawn a long-running child in its own process group, tracked like run()'s. `onOutput(chunk)`
 * receives stdout and stderr as text; `onStdout`, when given, receives stdout instead (a child
 * that answers on stdout and logs on stderr). `stdin: 'pipe'` keeps a pipe to write to.
 */
function spawnTracked(command, args, { cwd, env, onOutput, onStdout, stdin = 'ignore' }) {
	const child = track(
		spawn(command, args, { cwd, env, stdio: [stdin, 'pipe', 'pipe'], detached: true }),
	);
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', onStdout || onOutput);
	child.stderr.on('data', onOutput);
	return child;
}

/** Whether a process with this ID exists (EPERM: it does, owned by another user). */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

module.exports = { run, spawnTracked, killGroup, assertOk, tail, cleanNpmEnv, sleep, isAlive };
