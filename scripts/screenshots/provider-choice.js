'use strict';
/**
 * The provider-choice views: a Contact Upsert node added the way a user adds it (node creator,
 * "Create or update a contact"), on an n8n without saved credentials, then optionally another
 * Provider picked in the panel and "Create new credential" clicked. Every step checks what the
 * editor shows, so a run fails when the editor asks for the wrong credential type.
 */

const { NDV, expectVisible, waitForNodePanel } = require('./editor');

const NODE_LISTING = 'Contact Upsert';
const ACTION = 'Create or update a contact';

/** Adds a Contact Upsert node after the workflow's trigger and waits for its panel. */
async function addFreshNode(page, view) {
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await expectVisible(search, view, 'the node creator');
	await search.fill(NODE_LISTING);
	const items = page.locator('[data-test-id="item-iterator-item"]:visible');
	await items.filter({ hasText: NODE_LISTING }).first().click();
	const action = items.filter({ hasText: ACTION }).first();
	await expectVisible(action, view, `the action "${ACTION}"`);
	await action.click();
	await waitForNodePanel(page, view);
}

/** The Provider value and the credential field's label the panel shows. */
async function providerAndCredentialLabel(page) {
	const provider = await page
		.locator(`${NDV} [data-test-id="parameter-input-provider"] input`)
		.first()
		.inputValue();
	const label = await page
		.locator(`${NDV} [data-test-id="credentials-label"] label`)
		.first()
		.innerText();
	return { provider, label: label.trim() };
}

/** Fails unless the panel shows `view.provider` and a credential field for `view.credentialType`. */
async function expectProviderChoice(page, view) {
	const shown = await providerAndCredentialLabel(page);
	const label = `Credential for ${view.credentialType}`;
	if (shown.provider !== view.provider || shown.label !== label) {
		throw new Error(
			`${view.file}: the panel shows Provider "${shown.provider}" with "${shown.label}", ` +
				`expected Provider "${view.provider}" with "${label}"`,
		);
	}
}

/** Picks another Provider in the panel's dropdown. */
async function chooseProvider(page, view, provider) {
	await page.locator(`${NDV} [data-test-id="parameter-input-provider"]`).first().click();
	const option = page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: new RegExp(`^\\s*${provider}\\s*$`) })
		.first();
	await expectVisible(option, view, `the Provider option "${provider}"`);
	await option.click();
}

/**
 * Clicks the credential field's way to create a credential: n8n 2.x shows a "Connect to …" button
 * while none exists, 1.x a dropdown whose last entry is "Create new credential".
 */
async function clickCreateCredential(page, view) {
	const connect = page.locator(`${NDV} [data-test-id="node-credentials-empty-state"] button`);
	if (await connect.isVisible()) {
		await connect.click();
		return;
	}
	await page.locator(`${NDV} [data-test-id="node-credentials-select"]`).first().click();
	const create = page.locator('[data-test-id="node-credentials-select-item-new"]:visible');
	await expectVisible(create, view, 'the "Create new credential" entry');
	await create.click();
}

/**
 * Fails unless the credential modal is for `view.credentialType`: its subtitle is the type's
 * display name, its default name "<Provider> account", and it offers no "Connect using" choice
 * (what n8n shows when it treats a parameter as the node's authentication field).
 */
async function expectCredentialModal(page, view) {
	const modal = page.locator('[data-test-id="editCredential-modal"]');
	await expectVisible(modal, view, 'the credential modal');
	const name = await modal
		.locator('[data-test-id="credential-name"]')
		.first()
		.getAttribute('title');
	const type = (await modal.locator('header p').first().innerText()).trim();
	const expectedName = `${view.provider} account`;
	if (type !== view.credentialType || name !== expectedName) {
		throw new Error(
			`${view.file}: "Create new credential" opened "${name}" (${type}), ` +
				`expected "${expectedName}" (${view.credentialType})`,
		);
	}
	if (await modal.getByText('Connect using', { exact: false }).isVisible()) {
		throw new Error(`${view.file}: the credential modal asks which provider to connect with`);
	}
	// Wait for the type's fields, so the picture shows the form and not a loading modal.
	await expectVisible(modal.locator('input').nth(1), view, 'the credential fields');
}

/** Fails when the panel's Docs link carries two query strings (n8n appends one to the codex URL). */
async function expectOneQueryInDocsLink(page, view) {
	const link = page.locator('a[href*="n8n-nodes-contact-upsert"]:visible').first();
	await expectVisible(link, view, "the panel's Docs link");
	const href = await link.getAttribute('href');
	if (href.split('?').length > 2) {
		throw new Error(`${view.file}: the panel's Docs link has two query strings: ${href}`);
	}
}

/** Runs a provider-choice view up to the moment of its screenshot. */
async function showProviderChoice(page, view) {
	await addFreshNode(page, view);
	await expectOneQueryInDocsLink(page, view);
	if (view.choose) await chooseProvider(page, view, view.provider);
	await expectProviderChoice(page, view);
	if (view.action === 'create-credential') {
		await clickCreateCredential(page, view);
		await expectCredentialModal(page, view);
	}
}

module.exports = { showProviderChoice };
