'use strict';
/**
 * What the process inside the namespace (./inside.js) can be asked to do. Each op takes one JSON object and
 * resolves a JSON value; everything it starts is stopped by `stopAll()`.
 *
 *   startRegistry()                     a throw-away certificate, Verdaccio on https://registry.npmjs.org
 *   publish({ tgz, version? })          npm publish (repacked as `version` first when given)
 *   startSandbox()                      the vendor sandbox on a loopback port; its info()
 *   startN8n({ name, major, env })      `n8n start` trusting the certificate; { url, startMs }
 *   stopN8n({ name })
 *   http({ target, method, path, body }) a request to a started n8n (cookies kept) or 'sandbox'
 */

const fs = require('node:fs');
const { requestJson } = require('../json-request');
const path = require('node:path');
const { startN8nServer } = require('../n8n/server');
const { createSandbox } = require('../../../sandbox/server');
const { makeCertificate } = require('./certificate');
const { startVerdaccio } = require('./verdaccio');
const { repackWithVersion, tarballManifest } = require('./repack');

const REGISTRY_HOST = 'registry.npmjs.org';
// A community-package install runs npm pack and npm install before n8n answers.
const ANSWER_TIMEOUT_MS = 180000;

/** Options: dir (the run folder). */
function createOps({ dir }) {
	let certificate = null;
	let registry = null;
	let sandbox = null;
	const servers = new Map(); // name → { handle, cookies: Map }

	function server(name) {
		const entry = servers.get(name);
		if (!entry) throw new Error(`no n8n named "${name}" is running`);
		return entry;
	}

	return {
		async startRegistry() {
			certificate = await makeCertificate(path.join(dir, 'tls'), [REGISTRY_HOST]);
			registry = await startVerdaccio({
				dir: path.join(dir, 'verdaccio'),
				host: REGISTRY_HOST,
				...certificate,
			});
			return { url: registry.url, startMs: registry.startMs };
		},

		async publish({ tgz, version }) {
			let file = tgz;
			if (version) {
				const out = path.join(dir, 'repacked');
				fs.mkdirSync(out, { recursive: true });
				file = await repackWithVersion(tgz, version, out);
			}
			await registry.publish(file);
			return tarballManifest(file);
		},

		async startSandbox() {
			sandbox = createSandbox();
			await sandbox.listen();
			return sandbox.info();
		},

		async startN8n({ name, major, env = {} }) {
			if (servers.has(name)) throw new Error(`an n8n named "${name}" is already running`);
			const userFolder = path.join(dir, `n8n-${name}`);
			fs.rmSync(userFolder, { recursive: true, force: true });
			// The folder n8n installs community packages into: `npm outdated` (behind the Settings
			// page's "Update" notice) runs there with an environment n8n strips to PATH and
			// NODE_ENV, so only a project .npmrc can tell it about the certificate.
			const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
			fs.mkdirSync(nodesFolder, { recursive: true });
			fs.writeFileSync(path.join(nodesFolder, '.npmrc'), `cafile=${certificate.cert}\n`);
			const handle = await startN8nServer(major, userFolder, {
				env: {
					N8N_LISTEN_ADDRESS: '127.0.0.1',
					// n8n and the npm it runs for an install trust the throw-away certificate; npm
					// keeps its cache here, so nothing from an earlier run's registry is reused.
					NODE_EXTRA_CA_CERTS: certificate.cert,
					npm_config_cafile: certificate.cert,
					npm_config_cache: path.join(dir, 'npm-cache'),
					npm_config_update_notifier: 'false',
					...env,
				},
			});
			servers.set(name, { handle, cookies: new Map() });
			return { url: `http://127.0.0.1:${handle.port}`, startMs: handle.startMs };
		},

		async stopN8n({ name }) {
			const { handle } = server(name);
			servers.delete(name);
			await handle.stop();
			return { output: handle.output().slice(-20000) };
		},

		/** n8n's log so far (the tail), to explain a failure. */
		async n8nOutput({ name }) {
			return server(name).handle.output().slice(-20000);
		},

		async http({ target, method = 'GET', path: urlPath, body }) {
			if (target === 'sandbox') {
				const { status, body: answer } = await requestJson(`${sandbox.info().url}${urlPath}`, {
					method,
					body,
					timeoutMs: ANSWER_TIMEOUT_MS,
				});
				return { status, body: answer };
			}
			const { handle, cookies } = server(target);
			const cookie = [...cookies].map(([key, value]) => `${key}=${value}`).join('; ');
			const answer = await requestJson(`http://127.0.0.1:${handle.port}${urlPath}`, {
				method,
				body,
				headers: cookie ? { cookie } : {},
				timeoutMs: ANSWER_TIMEOUT_MS,
			});
			// The signed-in owner's session, as a browser would keep it.
			for (const line of [].concat(answer.headers['set-cookie'] || [])) {
				const [pair] = line.split(';');
				const at = pair.indexOf('=');
				cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
			}
			return { status: answer.status, body: answer.body };
		},

		async stopAll() {
			for (const [name, { handle }] of servers) {
				servers.delete(name);
				await handle.stop().catch(() => {});
			}
			if (registry) await registry.stop().catch(() => {});
			if (sandbox) await sandbox.close().catch(() => {});
			registry = null;
			sandbox = null;
		},
	};
}

module.exports = { createOps, REGISTRY_HOST };
