'use strict';
/** Where things live: the repository, the n8n installs, packed tarballs and n8n user folders. */

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
// E2E_N8N_CACHE_DIR moves the n8n installs elsewhere (e.g. a CI cache mount).
const N8N_CACHE_DIR = process.env.E2E_N8N_CACHE_DIR
	? path.resolve(process.env.E2E_N8N_CACHE_DIR)
	: path.join(ROOT, '.cache', 'n8n');
const PACK_DIR = path.join(ROOT, '.cache', 'pack');
/**
 * Where n8n user folders live (demo, playground, screenshots). A running n8n writes its
 * editor's JavaScript into `<user folder>/.cache/n8n/public`; under node_modules/ ESLint (which
 * `n8n-node lint` runs on the whole repository) never reads it.
 */
const USER_FOLDERS = path.join(ROOT, 'node_modules', '.cache', 'contact-upsert');

/** The n8n user folder for one purpose and n8n major, e.g. userFolder('demo', 'v1'). */
function userFolder(purpose, major) {
	return path.join(USER_FOLDERS, purpose, major);
}

module.exports = { ROOT, N8N_CACHE_DIR, PACK_DIR, USER_FOLDERS, userFolder };
