'use strict';
/** TCP ports: a free one for a child process, or whether one is taken. */

const net = require('node:net');

/** A TCP port that is free right now (the OS picks it). */
function getFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether something already listens on host:port. */
function portInUse(port, host) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', (error) =>
			resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'),
		);
		server.listen(port, host, () => server.close(() => resolve(false)));
	});
}

module.exports = { getFreePort, portInUse };
