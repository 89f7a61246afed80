'use strict';
/**
 * Small steps in the n8n editor that every view uses, written against the `data-test-id`s that
 * n8n 1.123 and 2.41 share. Each throws an Error naming the view's file and what was missing.
 */

const NDV = '[data-test-id="ndv"]';

async function expectVisible(locator, view, what) {
	try {
		await locator.waitFor({ state: 'visible', timeout: 10000 });
	} catch {
		throw new Error(`${view.file}: ${what} did not show up`);
	}
}

/** The label of a node parameter (exact text) inside the node panel. */
function parameterLabel(page, label) {
	return page
		.locator(NDV)
		.locator('label, [data-test-id="input-label"]')
		.getByText(label, { exact: true })
		.first();
}

/** Double-clicks a node on the canvas and waits for its panel. */
async function openNodePanel(page, view, nodeName) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await node.waitFor({ state: 'visible' });
	await node.dblclick();
	await waitForNodePanel(page, view);
}

async function waitForNodePanel(page, view) {
	try {
		await page.locator(NDV).waitFor({ state: 'visible' });
		await page.locator(`${NDV} [data-test-id="credentials-label"]`).first().waitFor();
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
			.filter({ hasNot: page.locator(NDV) })
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

/**
 * Why an element's text is not all there for a reader, or '' when it is: outside the window,
 * cut off with an ellipsis, or covered by something else (the editor's floating buttons).
 */
function whyNotFullyShown(locator) {
	return locator.evaluate((element) => {
		const box = element.getBoundingClientRect();
		if (box.width === 0 || box.height === 0) return 'it has no size';
		if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
			return 'it is outside the window';
		}
		if (element.scrollWidth > element.clientWidth + 1) return 'it is cut off';
		// Probe where the text itself is: a label's box can be much wider than its words.
		const range = document.createRange();
		range.selectNodeContents(element);
		const text = range.getBoundingClientRect();
		const y = text.top + text.height / 2;
		// Hover toolbars sit over neighbouring labels, transparent until pointed at: skip them.
		const seen = (node) => {
			for (let e = node; e; e = e.parentElement) {
				const style = getComputedStyle(e);
				if (style.opacity === '0' || style.visibility === 'hidden') return false;
			}
			return true;
		};
		for (const x of [text.left + 2, text.left + text.width / 2, text.right - 2]) {
			const top = document.elementsFromPoint(x, y).find(seen);
			// Labels let clicks through (pointer-events: none), so the point may report an ancestor.
			if (top && !element.contains(top) && !top.contains(element)) {
				const name = top.getAttribute('data-test-id') || top.textContent.trim().slice(0, 30);
				return `it is covered by ${top.tagName.toLowerCase()} "${name}"`;
			}
		}
		return '';
	});
}

/** Fails unless the locator's element is shown whole (see whyNotFullyShown). */
async function expectFullyShown(locator, view, what) {
	await expectVisible(locator, view, what);
	const why = await whyNotFullyShown(locator);
	if (why) throw new Error(`${view.file}: ${what} is not readable: ${why}`);
}

module.exports = {
	NDV,
	expectVisible,
	expectFullyShown,
	parameterLabel,
	openNodePanel,
	waitForNodePanel,
	openStageList,
	dismissOverlays,
	settle,
};
