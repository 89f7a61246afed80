'use strict';
/**
 * Long-running n8n processes. `startN8nProcess` runs any n8n command (`start`, and for queue
 * mode `worker` or `webhook`) with its own environment and waits until a readiness check passes;
 * `startN8nServer` is `n8n start` on a port, ready when the editor answers.
 *
 * A handle: { pid, process, output(), stop() }. `stop()` sends SIGTERM to n8n (it stops its task
 * runners itself), then SIGKILL to the whole process group after `timeoutMs`.
 */

const fs = require('node:fs');
const http = require('node:http');
const { seconds } = require('../log');
const { getFreePort } = require('../ports');
const { spawnTracked, killGroup, tail, sleep } = require('../processes');
const { n8nEnv } = require('./env');
const { checkMajor, nodeBinary, n8nBin } = require('./versions');

function httpGet(url, timeoutMs = 5000) {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { timeout: timeoutMs }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode, body }));
		});
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', reject);
	});
}

/**
 * Spawn `n8n <command>` and resolve its handle once `ready(handle)` resolves true (polled every
 * 500 ms). Options: args (after the command, e.g. ['--concurrency=5']), env (extra environment,
 * applied last), echo (stream n8n's output to stderr),
 * timeoutMs (default 180 s), describe (what to call it in errors).
 */
async function startN8nProcess(major, userFolder, command, options = {}) {
	checkMajor(major);
	fs.mkdirSync(userFolder, { recursive: true });
	const env = await n8nEnv(major, userFolder, options.env);
	const what = options.describe || `n8n ${major} ${command}`;
	let output = '';
	const child = spawnTracked(nodeBinary(major), [n8nBin(major), command, ...(options.args || [])], {
		cwd: userFolder,
		env,
		onOutput: (chunk) => {
			output += chunk;
			if (options.echo) process.stderr.write(chunk);
		},
	});
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	let exitInfo = null;
	exited.then((info) => (exitInfo = info));

	const handle = {
		pid: child.pid,
		process: child,
		env,
		output: () => output,
		async stop(timeoutMs = 20000) {
			if (exitInfo) return exitInfo;
			// SIGTERM to n8n alone: it stops its task runners itself during a graceful shutdown.
			child.kill('SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			const info = await exited;
			clearTimeout(timer);
			// task runners and other helpers n8n started in its process group
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// group already gone
			}
			return info;
		},
	};

	const started = Date.now();
	const timeoutMs = options.timeoutMs || 180000;
	for (;;) {
		if (exitInfo) {
			throw new Error(
				`${what} exited early (code ${exitInfo.code}, signal ${exitInfo.signal})\n${tail(output)}`,
			);
		}
		if (await options.ready(handle)) break;
		if (Date.now() - started > timeoutMs) {
			await handle.stop();
			throw new Error(`${what} was not ready within ${seconds(timeoutMs)}\n${tail(output)}`);
		}
		await sleep(500);
	}
	handle.startMs = Date.now() - started;
	return handle;
}

/**
 * `n8n start` on `port` (a free one when omitted); resolves once n8n has finished starting
 * ("Editor is now accessible" printed and /healthz/readiness answers 200).
 * Handle: { port, url, pid, process, output(), stop() }. `options.echo` streams n8n's output to
 * stderr (for `npm start`); `options.env` adds to n8n's environment.
 */
async function startN8nServer(major, userFolder, options = {}) {
	const port = options.port || (await getFreePort());
	const url = `http://localhost:${port}`;
	const handle = await startN8nProcess(major, userFolder, 'start', {
		...options,
		env: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '0.0.0.0',
			N8N_LOG_LEVEL: 'info',
			...options.env,
		},
		describe: `n8n ${major} start (${url})`,
		async ready({ env, output }) {
			// /healthz answers as soon as the HTTP server listens, before n8n has finished starting
			// (stopping it then can crash v2's shutdown); the "Editor is now accessible" line comes last.
			const logsReady =
				env.N8N_LOG_LEVEL !== 'info' && env.N8N_LOG_LEVEL !== 'debug'
					? true
					: /Editor is now accessible via/.test(output());
			if (!logsReady) return false;
			try {
				return (await httpGet(`${url}/healthz/readiness`, 2000)).status === 200;
			} catch {
				return false; // not listening yet
			}
		},
	});
	return Object.assign(handle, { port, url });
}

module.exports = { startN8nProcess, startN8nServer, httpGet };
