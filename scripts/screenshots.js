#!/usr/bin/env node
'use strict';
/**
 * npm run screenshots [-- --n8n v2] [--only vambe-webchat,canvas] [--port 5679]
 *
 * Takes the screenshots in docs/screenshots/ (n8n 1.x) or docs/screenshots/v2/ (n8n 2.x) from a
 * real n8n editor: builds and packs the package (when dist/ is stale), installs it into a fresh
 * n8n user folder (node_modules/.cache/contact-upsert/screenshots/<v1|v2>),
 * starts the vendor sandbox and n8n, creates the owner account, and opens one example workflow
 * per view (scripts/screenshots/views.js) in a headless Chromium driven by playwright-core.
 *
 * The browser is the system Chromium (/usr/bin/chromium, or CHROMIUM_PATH); playwright-core
 * never downloads one. Over 300 lines because it is one browser session's steps in order (the
 * views themselves are in scripts/screenshots/views.js).
 */

const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./lib/n8n');
const { parseArgs, portNumber } = require('./lib/args');
const { seconds } = require('./lib/log');
const { ROOT, userFolder } = require('./lib/paths');
const { step, stepReporter, fail } = require('./lib/steps');
const workspace = require('./lib/workspace');
const { views, NODE_NAME } = require('./screenshots/views');
const {
	NDV,
	expectVisible,
	parameterLabel,
	openNodePanel,
	openStageList,
	dismissOverlays,
	settle,
} = require('./screenshots/editor');
const { showProviderChoice } = require('./screenshots/provider-choice');
const { expectCanvasReadable } = require('./screenshots/canvas');

// v1's pictures stay where the README has always linked them; v2's go into their own folder.
const OUT_DIRS = {
	v1: path.join(ROOT, 'docs', 'screenshots'),
	v2: path.join(ROOT, 'docs', 'screenshots', 'v2'),
};
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const VIEWPORT = { width: 1440, height: 900 };
const UI_TIMEOUT_MS = 30000;

const USAGE = `usage: npm run screenshots [-- options]
  --n8n v1|v2      n8n 1.x into docs/screenshots/ (default), or 2.x into docs/screenshots/v2/
  --only <names>   comma-separated views to take, e.g. vambe-webchat,canvas (default: all)
  --port <n>       editor port (default: a free one)
views: ${views.map((view) => view.file.replace(/\.png$/, '')).join(', ')}`;

async function main() {
	const args = parseArgs(process.argv.slice(2), {
		n8n: { value: true, default: 'v1', choices: n8n.MAJORS },
		only: { value: true, default: undefined },
		port: { value: true, default: undefined, parse: portNumber },
		help: {},
	});
	if (args.help) return void process.stdout.write(`${USAGE}\n`);
	const selected = selectViews(args.only);
	const major = args.n8n;
	const run = { major, outDir: OUT_DIRS[major], userFolder: userFolder('screenshots', major) };

	let chromium;
	try {
		({ chromium } = require('playwright-core'));
	} catch {
		throw new Error('playwright-core is not installed: run `npm install` first.');
	}
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`No Chromium at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
		);
	}

	const timings = [];
	const started = Date.now();
	process.stdout.write(
		`Contact Upsert screenshots (n8n ${major}) → ${path.relative(ROOT, run.outDir)}/\n`,
	);
	if (!n8n.isInstalled(major)) {
		process.stdout.write(`  (first run: installing n8n ${major} into .cache/n8n, a few minutes)\n`);
	}

	const resources = { sandbox: null, server: null, browser: null };
	const cleanup = async () => {
		const { browser, server, sandbox } = resources;
		resources.browser = resources.server = resources.sandbox = null;
		if (browser) await browser.close().catch(() => {});
		if (server) await server.stop().catch(() => {});
		if (sandbox) await sandbox.close().catch(() => {});
	};
	const onSignal = (signal) => {
		process.stderr.write(`\n${signal}: stopping n8n and the sandbox…\n`);
		setTimeout(() => process.exit(1), 30000).unref();
		cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		// The sandbox first, so a Ctrl-C during the slow steps stops it too.
		resources.sandbox = await step(
			timings,
			'start vendor sandbox',
			() => workspace.startSandbox(),
			(sandbox) => sandbox.url,
		);
		removeFailureShots(run);
		await workspace.prepare({
			major,
			userFolder: run.userFolder,
			fresh: true,
			vendorPackages: true,
			sandbox: resources.sandbox,
			workflows: selected.map((view) => view.workflowJson),
			report: stepReporter(timings),
		});
		resources.server = await step(
			timings,
			'start n8n',
			() => n8n.startN8nServer(major, run.userFolder, { port: args.port }),
			(server) => server.url,
		);
		resources.browser = await step(
			timings,
			'start Chromium',
			() => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
			(browser) => `Chromium ${browser.version()}`,
		);
		const context = await resources.browser.newContext({
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
			colorScheme: 'light',
		});
		context.setDefaultTimeout(UI_TIMEOUT_MS);
		await step(timings, 'owner account', () => createOwner(context, resources.server.url));

		fs.mkdirSync(run.outDir, { recursive: true });
		const page = await context.newPage();
		// Leaving a workflow with an unsaved new node asks "leave the page?": yes.
		page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
		let credentialsDeleted = false;
		for (const view of selected) {
			if (view.credentials === 'none' && !credentialsDeleted) {
				credentialsDeleted = true;
				await step(
					timings,
					'delete credentials',
					() => deleteAllCredentials(context, resources.server.url),
					(count) => `${count} deleted`,
				);
			}
			await step(
				timings,
				view.file,
				() => captureOrExplain(page, resources.server.url, view, run),
				(file) => `${Math.round(fs.statSync(file).size / 1024)} KB`,
			);
		}
		await context.close();
	} catch (error) {
		if (resources.server && process.env.DEBUG) {
			process.stderr.write(
				`--- n8n log (tail) ---\n${resources.server.output().trimEnd().split('\n').slice(-30).join('\n')}\n`,
			);
		}
		throw error;
	} finally {
		await cleanup();
	}
	process.stdout.write(
		`Done in ${seconds(Date.now() - started)}: ${selected.length} screenshots in ${path.relative(process.cwd(), run.outDir)}/\n`,
	);
}

/** The views `--only` names (all by default), those needing no credentials last. */
function selectViews(only) {
	const last = (list) => [
		...list.filter((view) => view.credentials !== 'none'),
		...list.filter((view) => view.credentials === 'none'),
	];
	if (!only) return last(views);
	const names = only
		.split(',')
		.map((name) => name.trim().replace(/\.png$/, ''))
		.filter(Boolean);
	const known = new Map(views.map((view) => [view.file.replace(/\.png$/, ''), view]));
	const unknown = names.filter((name) => !known.has(name));
	if (unknown.length) {
		const error = new Error(`unknown view(s): ${unknown.join(', ')}`);
		error.usage = true;
		throw error;
	}
	return last(names.map((name) => known.get(name)));
}

/**
 * Sets up the owner account of the fresh instance and logs in; the auth cookie lands in the
 * browser context (its request API shares the context's cookie jar).
 */
async function createOwner(context, baseUrl) {
	const setup = await context.request.post(`${baseUrl}/rest/owner/setup`, { data: n8n.OWNER });
	if (!setup.ok()) {
		throw new Error(
			`POST /rest/owner/setup answered ${setup.status()}: ${(await setup.text()).slice(0, 300)}`,
		);
	}
	const login = await context.request.post(`${baseUrl}/rest/login`, {
		data: { emailOrLdapLoginId: n8n.OWNER.email, password: n8n.OWNER.password },
	});
	if (!login.ok()) {
		throw new Error(
			`POST /rest/login answered ${login.status()}: ${(await login.text()).slice(0, 300)}`,
		);
	}
	const cookies = await context.cookies(baseUrl);
	if (!cookies.some((cookie) => cookie.name === 'n8n-auth')) {
		throw new Error('n8n answered the login without an n8n-auth cookie');
	}
}

/** Removes the failed-<major>-* pictures and pages an earlier run left beside the user folder. */
function removeFailureShots(run) {
	const dir = path.dirname(run.userFolder);
	if (!fs.existsSync(dir)) return;
	for (const name of fs.readdirSync(dir)) {
		if (name.startsWith(`failed-${run.major}-`)) fs.rmSync(path.join(dir, name), { force: true });
	}
}

/** capture(), saving what the browser showed to failed-<file> beside the user folder when it fails. */
async function captureOrExplain(page, baseUrl, view, run) {
	try {
		return await capture(page, baseUrl, view, run.outDir);
	} catch (error) {
		const file = path.join(path.dirname(run.userFolder), `failed-${run.major}-${view.file}`);
		if (await page.screenshot({ path: file }).catch(() => null)) {
			error.message += ` (the page as it was: ${path.relative(process.cwd(), file)})`;
			const html = await page.content().catch(() => '');
			fs.writeFileSync(file.replace(/\.png$/, '.html'), html);
		}
		throw error;
	}
}

/** Opens the view's workflow, gets the editor into the wanted state and saves the PNG. */
async function capture(page, baseUrl, view, outDir) {
	await page.setViewportSize(view.viewport || VIEWPORT);
	const workflowId = view.workflowJson.id;
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	if (/\/signin|\/setup/.test(new URL(page.url()).pathname)) {
		throw new Error(
			`${view.file}: n8n showed ${page.url()} instead of the workflow (not logged in)`,
		);
	}
	const canvasNodes = page.locator('[data-test-id="canvas-node"]');
	await canvasNodes
		.first()
		.waitFor({ state: 'visible' })
		.catch(() => {
			throw new Error(`${view.file}: the workflow canvas did not show any node`);
		});
	await dismissOverlays(page);

	if (view.open === 'canvas') {
		// n8n fits the workflow into the canvas on opening (at most 100 %): keep that view.
		await expectCanvasReadable(page, view);
	} else if (view.open === 'new-node') {
		await showProviderChoice(page, view);
	} else {
		await openNodePanel(page, view, view.nodeName ?? NODE_NAME);
		await expectNodePanel(page, view);
		if (view.action === 'stage-dropdown') await openStageList(page, view);
	}

	await settle(page, { keepMouse: view.action === 'stage-dropdown' });
	const file = path.join(outDir, view.file);
	await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
	return file;
}

/** Fails unless the panel shows the view's credential and fields, and none of `absent`. */
async function expectNodePanel(page, view) {
	const credential = await page
		.locator(`${NDV} [data-test-id="node-credentials-select"] input`)
		.first()
		.inputValue();
	if (credential !== view.credential) {
		throw new Error(
			`${view.file}: the node panel shows the credential "${credential}", expected "${view.credential}"`,
		);
	}
	for (const label of view.expect) {
		await expectVisible(parameterLabel(page, label), view, `the "${label}" field`);
	}
	for (const label of view.absent || []) {
		if (await parameterLabel(page, label).isVisible()) {
			throw new Error(`${view.file}: the node panel shows "${label}", which belongs elsewhere`);
		}
	}
}

/**
 * Deletes every saved credential through n8n's REST API (the session's cookie), so the
 * provider-choice views see what a user of a new n8n sees.
 */
async function deleteAllCredentials(context, baseUrl) {
	const list = await context.request.get(`${baseUrl}/rest/credentials`);
	if (!list.ok()) throw new Error(`GET /rest/credentials answered ${list.status()}`);
	const { data } = await list.json();
	for (const credential of data) {
		const answer = await context.request.delete(`${baseUrl}/rest/credentials/${credential.id}`);
		if (!answer.ok()) {
			throw new Error(`DELETE /rest/credentials/${credential.id} answered ${answer.status()}`);
		}
	}
	return data.length;
}

main().catch((error) => fail(error, USAGE));
