'use strict';
/**
 * A throw-away Redis for n8n queue mode: Debian's `redis-server` on a free loopback port, no
 * persistence, its working folder under the system's temporary folder. Stopped and removed by
 * `stop()`, and by the clean-up hooks if this process ends first.
 *
 *   const redis = await startRedis();
 *   redis.n8nEnv()   // { QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT }
 *   await redis.stop();
 */

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startServerProcess } = require('./process');
const { findExecutable } = require('./executables');
const { startThrowaway } = require('./throwaway');

const HOST = '127.0.0.1';

/** One PING over a fresh connection: true when Redis answers +PONG. */
function ping(port, timeoutMs = 1000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: HOST, port });
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/**
 * Starts Redis; resolves { host, port, n8nEnv(), output(), stop() } once it answers PING.
 * `timeoutMs` bounds each start attempt (another process may take the port in between: then it
 * tries another one).
 */
async function startRedis({ timeoutMs = 30000 } = {}) {
	const binary = findExecutable('redis-server', ['/usr/bin', '/usr/sbin', '/usr/local/bin']);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contact-upsert-redis-'));
	const { port, server, stop } = await startThrowaway({
		dir,
		portTaken: /Address already in use/i,
		stopTimeoutMs: 10000,
		launch: (port) =>
			startServerProcess(binary, {
				name: `redis-server on ${HOST}:${port}`,
				// prettier-ignore
				args: ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no',
					'--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
				timeoutMs,
				ready: () => ping(port),
			}),
	});
	return {
		host: HOST,
		port,
		output: () => server.output(),
		/** The environment n8n's main and workers need to reach this Redis. */
		n8nEnv: () => ({ QUEUE_BULL_REDIS_HOST: HOST, QUEUE_BULL_REDIS_PORT: String(port) }),
		stop,
	};
}

module.exports = { startRedis };
