'use strict';
/**
 * The canvas view's checks: every node's name, the Contact Upsert subtitles and the Switch's
 * output labels are readable (not cut off, not under the editor's buttons), and no sticky note
 * hides part of its text.
 */

const { expectFullyShown } = require('./editor');

const STICKY = 'n8n-nodes-base.stickyNote';

function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/** Fails unless everything the view names is readable on the canvas as n8n fitted it. */
async function expectCanvasReadable(page, view) {
	const nodes = view.workflowJson.nodes;
	for (const node of nodes.filter((n) => n.type !== STICKY)) {
		const texts = [node.name, ...(view.nodeTexts[node.name] || [])];
		for (const text of texts) {
			const locator = canvasNode(page, node.name).getByText(text, { exact: true }).first();
			await expectFullyShown(locator, view, `"${text}" on the node "${node.name}"`);
		}
	}
	for (const note of nodes.filter((n) => n.type === STICKY)) {
		const cut = await page
			.locator(`[data-node-name="${note.name}"]`)
			.first()
			.evaluate((element) =>
				[...element.querySelectorAll('*')].some((child) => {
					if (child.tagName === 'INPUT' || child.clientHeight === 0) return false;
					const overflow = getComputedStyle(child).overflowY;
					return (
						(overflow === 'hidden' || overflow === 'clip') &&
						child.scrollHeight > child.clientHeight + 1
					);
				}),
			);
		if (cut) throw new Error(`${view.file}: the sticky note "${note.name}" cuts off its text`);
	}
}

module.exports = { expectCanvasReadable };
