'use strict';
/**
 * A throw-away TLS certificate for the public registry's host name, made with openssl for one
 * run. n8n always asks https://registry.npmjs.org (a custom registry needs an enterprise
 * licence), so the local registry has to present a certificate for that name, and n8n and the
 * npm it starts have to trust it: NODE_EXTRA_CA_CERTS for Node, npm_config_cafile for npm. The
 * certificate is self-signed (it is its own CA) and valid for two days; the key never leaves the
 * run's temporary folder.
 */

const fs = require('node:fs');
const path = require('node:path');
const { run, assertOk } = require('../processes');

/**
 * Writes `cert.pem` and `key.pem` for `hostNames` into `dir`; resolves { cert, key } (paths).
 */
async function makeCertificate(dir, hostNames) {
	fs.mkdirSync(dir, { recursive: true });
	const cert = path.join(dir, 'cert.pem');
	const key = path.join(dir, 'key.pem');
	const altNames = hostNames.map((name) => `DNS:${name}`).join(',');
	const result = await run(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-sha256',
			'-days',
			'2',
			'-subj',
			`/CN=${hostNames[0]}`,
			'-addext',
			`subjectAltName=${altNames}`,
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-keyout',
			key,
			'-out',
			cert,
		],
		{ cwd: dir, timeoutMs: 60000 },
	);
	assertOk(result, 'openssl req (registry certificate)');
	return { cert, key };
}

module.exports = { makeCertificate };
