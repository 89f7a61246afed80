#!/usr/bin/env node
'use strict';
/**
 * npm run screenshots [-- --only vambe-webchat,canvas] [--port 5679]
 *
 * Takes the screenshots in docs/screenshots/ from a real n8n editor: builds and packs the package
 * (when dist/ is stale), installs it into a fresh n8n 1.x user folder (node_modules/.cache/contact-upsert/screenshots/v1),
 * starts the vendor sandbox and n8n, creates the owner account, and opens one example workflow
 * per view (scripts/screenshots/views.js) in a headless Chromium driven by playwright-core.
 *
 * The browser is the system Chromium (/usr/bin/chromium, or CHROMIUM_PATH); playwright-core
 * never downloads one.
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

const MAJOR = 'v1';
const OUT_DIR = path.join(ROOT, 'docs', 'screenshots');
const USER_FOLDER = userFolder('screenshots', MAJOR);
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
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Jane',
	lastName: 'Doe',
	password: 'Screenshots-2025',
};
const UI_TIMEOUT_MS = 30000;

const USAGE = `usage: npm run screenshots [-- options]
  --only <names>   comma-separated views to take, e.g. vambe-webchat,canvas (default: all)
  --port <n>       editor port (default: a free one)
views: ${views.map((view) => view.file.replace(/\.png$/, '')).join(', ')}`;

async function main() {
	const args = parseArgs(process.argv.slice(2), {
		only: { value: true, default: undefined },
		port: { value: true, default: undefined, parse: portNumber },
		help: {},
	});
	if (args.help) return void process.stdout.write(`${USAGE}\n`);
	const selected = selectViews(args.only);

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
	process.stdout.write(`Contact Upsert screenshots (n8n ${MAJOR}) → docs/screenshots/\n`);
	if (!n8n.isInstalled(MAJOR)) {
		process.stdout.write(`  (first run: installing n8n ${MAJOR} into .cache/n8n, a few minutes)\n`);
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
		removeFailureShots();
		await workspace.prepare({
			major: MAJOR,
			userFolder: USER_FOLDER,
			fresh: true,
			sandbox: resources.sandbox,
			workflows: selected.map((view) => view.workflowJson),
			report: stepReporter(timings),
		});
		resources.server = await step(
			timings,
			'start n8n',
			() => n8n.startN8nServer(MAJOR, USER_FOLDER, { port: args.port }),
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

		fs.mkdirSync(OUT_DIR, { recursive: true });
		const page = await context.newPage();
		for (const view of selected) {
			await step(
				timings,
				view.file,
				() => captureOrExplain(page, resources.server.url, view),
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
		`Done in ${seconds(Date.now() - started)}: ${selected.length} screenshots in ${path.relative(process.cwd(), OUT_DIR)}/\n`,
	);
}

function selectViews(only) {
	if (!only) return views;
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
	return names.map((name) => known.get(name));
}

/**
 * Sets up the owner account of the fresh instance and logs in; the auth cookie lands in the
 * browser context (its request API shares the context's cookie jar).
 */
async function createOwner(context, baseUrl) {
	const setup = await context.request.post(`${baseUrl}/rest/owner/setup`, { data: OWNER });
	if (!setup.ok()) {
		throw new Error(
			`POST /rest/owner/setup answered ${setup.status()}: ${(await setup.text()).slice(0, 300)}`,
		);
	}
	const login = await context.request.post(`${baseUrl}/rest/login`, {
		data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
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

/** Removes the failed-* pictures and pages an earlier run left beside the user folder. */
function removeFailureShots() {
	const dir = path.dirname(USER_FOLDER);
	if (!fs.existsSync(dir)) return;
	for (const name of fs.readdirSync(dir)) {
		if (name.startsWith('failed-')) fs.rmSync(path.join(dir, name), { force: true });
	}
}

/** capture(), saving what the browser showed to failed-<file> beside the user folder when it fails. */
async function captureOrExplain(page, baseUrl, view) {
	try {
		return await capture(page, baseUrl, view);
	} catch (error) {
		const file = path.join(path.dirname(USER_FOLDER), `failed-${view.file}`);
		if (await page.screenshot({ path: file }).catch(() => null)) {
			error.message += ` (the page as it was: ${path.relative(process.cwd(), file)})`;
			const html = await page.content().catch(() => '');
			fs.writeFileSync(file.replace(/\.png$/, '.html'), html);
		}
		throw error;
	}
}

/** Opens the view's workflow, gets the editor into the wanted state and saves the PNG. */
async function capture(page, baseUrl, view) {
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
		for (const subtitle of view.subtitles) {
			await expectVisible(page.getByText(subtitle, { exact: true }).first(), view, subtitle);
		}
	} else {
		await openNodePanel(page, view);
		const credential = await page
			.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"] input')
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
		if (view.action === 'stage-dropdown') await openStageList(page, view);
	}

	await settle(page, { keepMouse: view.action === 'stage-dropdown' });
	const file = path.join(OUT_DIR, view.file);
	await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
	return file;
}

/** The label of a node parameter (exact text) inside the node panel. */
function parameterLabel(page, label) {
	return page
		.locator('[data-test-id="ndv"]')
		.locator('label, [data-test-id="input-label"]')
		.getByText(label, { exact: true })
		.first();
}

async function expectVisible(locator, view, what) {
	try {
		await locator.waitFor({ state: 'visible', timeout: 10000 });
	} catch {
		throw new Error(`${view.file}: ${what} did not show up`);
	}
}

/** Double-clicks the Contact Upsert node on the canvas and waits for its panel. */
async function openNodePanel(page, view) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
	await node.waitFor({ state: 'visible' });
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	try {
		await ndv.waitFor({ state: 'visible' });
		await page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"]').waitFor();
	} catch {
		throw new Error(`${view.file}: the Contact Upsert panel did not open`);
	}
	await dismissOverlays(page);
}

/** Opens the Stage resource locator and waits for the sandbox's stages. */
async function openStageList(page, view) {
	const locator = page.locator('[data-test-id="resource-locator-stageId"]');
	await locator.scrollIntoViewIfNeeded();
	await locator.locator('[data-test-id="rlc-input"]').first().click();
	const items = page.locator('[data-test-id="rlc-item"]');
	try {
		await items.first().waitFor({ state: 'visible' });
	} catch {
		throw new Error(`${view.file}: the Stage list showed no entries (is the sandbox reachable?)`);
	}
	for (const name of view.listed) {
		await expectVisible(items.getByText(name, { exact: true }), view, `the stage "${name}"`);
	}
	// Point at the middle entry so the list shows its hover state, not the mouse on the input.
	await items.nth(1).hover();
}

/** Closes what-is-new, survey or promotion modals and toasts that cover the editor. */
async function dismissOverlays(page) {
	for (let round = 0; round < 3; round++) {
		// Any dialog except the node panel itself (an el-dialog too).
		const modal = page
			.locator('.el-overlay:visible .el-dialog, [role="dialog"]:visible')
			.filter({ hasNot: page.locator('[data-test-id="ndv"]') })
			.and(page.locator(':not([data-test-id="ndv"])'))
			.first();
		if (!(await modal.isVisible().catch(() => false))) break;
		const close = modal
			.locator(
				'.el-dialog__headerbtn, [aria-label="Close"], button:has-text("Close"), button:has-text("Skip"), button:has-text("Get started")',
			)
			.first();
		if (await close.isVisible().catch(() => false)) await close.click();
		else await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
	const toastClose = page.locator('.el-notification .el-notification__closeBtn');
	for (let i = (await toastClose.count()) - 1; i >= 0; i--) {
		await toastClose
			.nth(i)
			.click()
			.catch(() => {});
	}
}

/** Lets transitions, fonts and lazy icons finish before the screenshot. */
async function settle(page, { keepMouse = false } = {}) {
	await page.evaluate(() => document.fonts && document.fonts.ready);
	await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
	if (!keepMouse) await page.mouse.move(0, 0).catch(() => {});
	await page.waitForTimeout(600);
}

main().catch((error) => fail(error, USAGE));
