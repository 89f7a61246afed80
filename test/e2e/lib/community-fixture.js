'use strict';
/**
 * One n8n per describe block that installs packages the way Settings → Community Nodes does:
 * through n8n's own REST API, as the signed-in owner, from a real npm registry that n8n knows as
 * https://registry.npmjs.org. All of it (Verdaccio, the vendor sandbox, n8n) runs inside a private
 * network and mount namespace (scripts/lib/registry/namespace.js); the tests reach it through the
 * process inside it.
 *
 *   const n8n = useCommunityN8n('v1', packagesForInstall());
 *   await n8n.rest('POST', '/rest/community-packages', { name, version });
 */
const { startNamespace } = require('../../../scripts/lib/registry/namespace');
const { REGISTRY_HOST } = require('../../../scripts/lib/registry/inside-ops');
const { ensureVerdaccio } = require('../../../scripts/lib/registry/install');
const { tarballManifest, nextPatch } = require('../../../scripts/lib/registry/repack');
const { logger, seconds } = require('../../../scripts/lib/log');
const { sleep } = require('../../../scripts/lib/processes');
const { OWNER } = require('../../../scripts/lib/n8n/owner');

const log = logger('e2e');
// 1.x may answer 404 on its REST routes for a moment after /healthz/readiness says ready.
const ROUTES_READY_TIMEOUT_MS = 60000;

/** The body of an n8n REST answer, or an error naming the call and n8n's message. */
function dataOf(answer, what) {
	if (answer.status < 200 || answer.status >= 300) {
		throw new Error(
			`${what} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
		);
	}
	return answer.body && typeof answer.body === 'object' && 'data' in answer.body
		? answer.body.data
		: answer.body;
}

/**
 * Starts, in beforeAll: the namespace, the registry holding each of `packages` at its packed
 * version and at the next patch version (the same files repacked), the sandbox, and one n8n of
 * `major` with its owner signed in. Stops all of it in afterAll.
 * Returns { packages (with .version and .nextVersion), sandbox, rest(), request(), startN8n(), … }.
 */
function useCommunityN8n(major, packages) {
	const fixture = { packages: [], sandbox: null, timings: {} };
	let namespace = null;

	const request = (target, method, path, body) =>
		namespace.call('http', { target, method, path, body });

	async function signIn(target) {
		const started = Date.now();
		for (;;) {
			const answer = await request(target, 'POST', '/rest/owner/setup', OWNER);
			if (answer.status !== 404) return dataOf(answer, 'POST /rest/owner/setup');
			if (Date.now() - started > ROUTES_READY_TIMEOUT_MS) dataOf(answer, 'POST /rest/owner/setup');
			await sleep(500);
		}
	}

	/** Starts another n8n named `name` in the namespace (extra environment `env`), owner signed in. */
	async function startN8n(name, env = {}) {
		const started = Date.now();
		await namespace.call('startN8n', { name, major, env });
		await signIn(name);
		fixture.timings[`n8n ${name} start`] = Date.now() - started;
	}

	beforeAll(async () => {
		const started = Date.now();
		await ensureVerdaccio(); // outside: there is no network to install from inside
		namespace = await startNamespace({
			hostNames: [REGISTRY_HOST],
			keep: process.env.E2E_KEEP_USER_FOLDER === '1',
		});
		await namespace.call('startRegistry');
		for (const pkg of packages) {
			const { version } = await tarballManifest(pkg.tgz);
			const nextVersion = nextPatch(version);
			await namespace.call('publish', { tgz: pkg.tgz });
			await namespace.call('publish', { tgz: pkg.tgz, version: nextVersion });
			fixture.packages.push({ ...pkg, version, nextVersion });
		}
		fixture.sandbox = await namespace.call('startSandbox');
		fixture.timings['registry and publish'] = Date.now() - started;
		await startN8n('main');
	});

	afterAll(async () => {
		if (namespace) await namespace.stop();
		const lines = Object.entries(fixture.timings).map(([what, ms]) => `${what} ${seconds(ms)}`);
		if (lines.length) log(`community install (${major}): ${lines.join(', ')}`);
	});

	return Object.assign(fixture, {
		major,
		startN8n,
		/** The package `name` as published: its entry plus version and nextVersion. */
		published: (name) => {
			const pkg = fixture.packages.find((entry) => entry.name === name);
			if (!pkg) throw new Error(`${name} was not published (did the fixture's beforeAll fail?)`);
			return pkg;
		},
		stopN8n: (name) => namespace.call('stopN8n', { name }),
		/** A REST call to the main n8n; resolves `data` of n8n's answer, throws on an error status. */
		rest: async (method, path, body) =>
			dataOf(await request('main', method, path, body), `${method} ${path}`),
		/** The raw answer { status, body } of a call to the n8n `target` (default 'main'). */
		request: (method, path, body, target = 'main') => request(target, method, path, body),
		/**
		 * Resolves once the production webhook `path` is registered: n8n answers a GET with "Did
		 * you mean to make a POST request?" (2.x registers it a moment after activation answers).
		 */
		async waitForWebhook(path) {
			const started = Date.now();
			for (;;) {
				const answer = await request('main', 'GET', `/webhook/${path}`);
				if (/make a POST request/.test(JSON.stringify(answer.body))) return;
				if (Date.now() - started > ROUTES_READY_TIMEOUT_MS) {
					throw new Error(
						`webhook ${path} not registered: ${JSON.stringify(answer.body).slice(0, 300)}`,
					);
				}
				await sleep(250);
			}
		},
		/** A webhook call to the main n8n; resolves { status, body }. */
		webhook: (path, body) => request('main', 'POST', `/webhook/${path}`, body),
		/** The sandbox's stored contacts of one vendor. */
		contacts: async (vendor) =>
			(await request('sandbox', 'GET', `/__sandbox/contacts/${vendor}`)).body,
		resetSandbox: () => request('sandbox', 'POST', '/__sandbox/reset'),
		/** n8n's log tail, to explain a failure. */
		n8nOutput: (name = 'main') => namespace.call('n8nOutput', { name }),
		time: (what, ms) => (fixture.timings[what] = ms),
	});
}

module.exports = { useCommunityN8n, OWNER };
