'use strict';
/**
 * The one wording for "the sandbox cannot listen there", shared by `node sandbox/cli.js` and the
 * scripts that start the sandbox themselves (`npm start`, `npm run demo`, …), so a busy port is
 * explained the same way wherever it happens.
 */

/**
 * An Error saying what to do when `listen(port, host)` failed with `error`; errors other than a
 * busy or forbidden port come back unchanged. `flag` is the option that picks another port.
 */
function explainListenError(error, { port, host, flag }) {
	if (error.code === 'EADDRINUSE') {
		return new Error(
			`Port ${port} on ${host} is already in use, so the vendor sandbox cannot start there. ` +
				`Stop whatever uses it (another \`npm start\`?) or pick another port with ${flag} <n>.`,
		);
	}
	if (error.code === 'EACCES') {
		return new Error(
			`Port ${port} on ${host} needs more rights than this user has, so the vendor sandbox ` +
				`cannot start there. Pick a port above 1023 with ${flag} <n>.`,
		);
	}
	if (error.code === 'EADDRNOTAVAIL') {
		return new Error(
			`${host} is not an address of this machine, so the vendor sandbox cannot listen on it. ` +
				'Use 127.0.0.1 (the default) or an address this machine has.',
		);
	}
	return error;
}

module.exports = { explainListenError };
