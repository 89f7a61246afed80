'use strict';
/**
 * The life of a throw-away service (a database server, a Redis): its temporary folder, its
 * process, the clean-up hook that removes both if this process ends first, and a start retried on
 * another free port when another process takes the chosen one in between.
 */

const fs = require('node:fs');
const { getFreePort } = require('../ports');
const { onCleanup } = require('./cleanup');

const START_ATTEMPTS = 3;

/**
 * Starts a service whose files live in `dir` (deleted when it stops).
 * - `prepare()`: runs once before the first start (e.g. creating a database cluster).
 * - `launch(port)`: starts the server process on `port`; resolves it once it answers.
 * - `portTaken`: the pattern of a start error that means the port was taken (then another is tried).
 * - `ready(port)`: runs once the server answers (e.g. creating a database).
 * Resolves { port, server, stop() }; on failure the folder is gone and nothing is left running.
 */
async function startThrowaway({ dir, prepare, launch, portTaken, ready, stopTimeoutMs }) {
	let server = null;
	const removeFolder = () => fs.rmSync(dir, { recursive: true, force: true });
	const unregister = onCleanup(() => {
		if (server) server.kill();
		removeFolder();
	});
	const release = () => {
		unregister();
		removeFolder();
	};
	let port;
	try {
		if (prepare) await prepare();
		for (let attempt = 1; !server; attempt++) {
			port = await getFreePort();
			try {
				server = await launch(port);
			} catch (error) {
				if (attempt >= START_ATTEMPTS || !portTaken.test(error.message)) throw error;
			}
		}
		if (ready) await ready(port);
	} catch (error) {
		if (server) await server.stop(5000);
		release();
		throw error;
	}
	return {
		port,
		server,
		async stop() {
			try {
				await server.stop(stopTimeoutMs);
			} finally {
				release();
			}
		},
	};
}

module.exports = { startThrowaway };
