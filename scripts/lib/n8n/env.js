'use strict';
/**
 * The environment an n8n process runs with: quiet, no telemetry, one private task-runner broker
 * port per process, nothing inherited from a developer's own n8n set-up. `extra` is applied last,
 * so a caller can switch any of it (queue mode: EXECUTIONS_MODE=queue, DB_*, QUEUE_BULL_*).
 */

const path = require('node:path');
const { cleanNpmEnv } = require('../processes');
const { getFreePort } = require('../ports');

/** The environment n8n runs with: quiet, no telemetry, one private broker port per process. */
async function n8nEnv(major, userFolder, extra = {}) {
	const env = cleanNpmEnv();
	// Do not inherit a developer's own n8n configuration. Nor NODE_ENV: jest sets it to 'test', and
	// under it n8n's CLI commands print nothing, do nothing and exit 0.
	for (const key of Object.keys(env)) {
		if (
			key === 'NODE_ENV' ||
			key.startsWith('N8N_') ||
			key.startsWith('DB_') ||
			key.startsWith('QUEUE_') ||
			key === 'EXECUTIONS_MODE'
		)
			delete env[key];
	}
	Object.assign(env, {
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_PORT: String(await getFreePort()),
		// 'info' is the minimum: the CLI prints its results (execute's JSON) through logger.info.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	// v1: the default 'vm' engine needs isolated-vm's native build (skipped by --ignore-scripts),
	// so use the long-standing 'legacy' engine. v2: 'vm' segfaults at exit now and then; quickjs does not.
	env.N8N_EXPRESSION_ENGINE = major === 'v1' ? 'legacy' : 'quickjs';
	if (major === 'v1') {
		// 1.x prints a deprecation notice for each of these while they are unset.
		Object.assign(env, {
			DB_SQLITE_POOL_SIZE: '2',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		});
	}
	return Object.assign(env, extra);
}

module.exports = { n8nEnv };
