'use strict';
/**
 * A real npm registry (Verdaccio) on https://<host>:443 with a generated configuration: storage in
 * a fresh folder, no uplinks (so it holds exactly the packages published to it and answers 404 for
 * everything else: nothing is fetched from the internet), anyone may read, a throw-away user may
 * publish. Only meaningful inside the network namespace of ./namespace.js, where <host> is
 * registry.npmjs.org and resolves to 127.0.0.1.
 *
 *   const registry = await startVerdaccio({ dir, host: 'registry.npmjs.org', cert, key });
 *   await registry.publish(tgz);               // `npm publish` as a user would
 *   await registry.stop();
 */

const fs = require('node:fs');
const { requestJson } = require('../json-request');
const path = require('node:path');
const { seconds } = require('../log');
const {
	spawnTracked,
	killGroup,
	run,
	assertOk,
	cleanNpmEnv,
	tail,
	sleep,
} = require('../processes');
const { installedVerdaccio } = require('./install');

const READY_TIMEOUT_MS = 60000;

function configYaml({ storage, htpasswd, host, cert, key }) {
	// JSON is valid YAML: no YAML writer needed, and every path is quoted correctly.
	return JSON.stringify(
		{
			storage,
			auth: { htpasswd: { file: htpasswd, max_users: 10 } },
			uplinks: {},
			packages: {
				'**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
			},
			listen: [`https://${host}:443`],
			https: { key, cert },
			web: { enable: false },
			log: { type: 'stdout', format: 'json', level: 'warn' },
		},
		null,
		2,
	);
}

/**
 * Starts Verdaccio; resolves once `/-/ping` answers over HTTPS with the certificate `cert`, and a
 * throw-away publishing user exists. Options: dir (fresh folder for storage, config and npmrc),
 * host, cert, key (paths from ./certificate.js).
 */
async function startVerdaccio({ dir, host, cert, key }) {
	const bin = installedVerdaccio();
	fs.mkdirSync(dir, { recursive: true });
	const configFile = path.join(dir, 'config.yaml');
	fs.writeFileSync(
		configFile,
		configYaml({
			storage: path.join(dir, 'storage'),
			htpasswd: path.join(dir, 'htpasswd'),
			host,
			cert,
			key,
		}),
	);
	const ca = fs.readFileSync(cert);
	const url = `https://${host}`;
	let output = '';
	const child = spawnTracked(process.execPath, [bin, '--config', configFile], {
		cwd: dir,
		env: cleanNpmEnv(),
		onOutput: (chunk) => (output += chunk),
	});
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const stop = async () => {
		if (exited) return;
		const gone = new Promise((resolve) => child.once('exit', resolve));
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
		await gone;
		clearTimeout(timer);
	};

	const started = Date.now();
	for (;;) {
		if (exited) throw new Error(`Verdaccio exited (code ${exited.code})\n${tail(output)}`);
		const ping = await requestJson(`${url}/-/ping`, { ca }).catch(() => null);
		if (ping && ping.status === 200) break;
		if (Date.now() - started > READY_TIMEOUT_MS) {
			await stop();
			throw new Error(
				`Verdaccio did not answer within ${seconds(READY_TIMEOUT_MS)}\n${tail(output)}`,
			);
		}
		await sleep(250);
	}
	const startMs = Date.now() - started;

	// The user n8n never sees: only `npm publish` below needs to be someone.
	const user = { name: 'e2e-publisher', password: `pw-${process.pid}-${Date.now()}` };
	const added = await requestJson(`${url}/-/user/org.couchdb.user:${user.name}`, {
		method: 'PUT',
		ca,
		body: { ...user, type: 'user', roles: [], date: new Date().toISOString() },
	});
	if (added.status !== 201 || !added.body.token) {
		await stop();
		throw new Error(
			`Verdaccio refused the publishing user: ${added.status} ${JSON.stringify(added.body)}`,
		);
	}
	const npmrc = path.join(dir, 'publisher.npmrc');
	fs.writeFileSync(npmrc, `//${host}/:_authToken=${added.body.token}\ncafile=${cert}\n`, {
		mode: 0o600,
	});

	return {
		url,
		startMs,
		output: () => output,
		/** `npm publish <tgz>` to this registry; resolves npm's result. */
		async publish(tgz, { tag = 'latest' } = {}) {
			const result = await run(
				'npm',
				['publish', tgz, `--registry=${url}/`, `--tag=${tag}`, '--loglevel=warn'],
				{ cwd: dir, env: cleanNpmEnv({ npm_config_userconfig: npmrc }), timeoutMs: 120000 },
			);
			return assertOk(result, `npm publish ${path.basename(tgz)}`);
		},
		/** The registry's document for a package (what `npm view` reads). */
		packument: (name) => requestJson(`${url}/${encodeURIComponent(name)}`, { ca }),
		stop,
	};
}

module.exports = { startVerdaccio };
