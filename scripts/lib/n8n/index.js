'use strict';
/**
 * Run this package inside a real n8n: one module per concern, re-exported here.
 *
 *   versions.js   the pinned majors (v1, v2), where each is installed, which Node runs it
 *   install.js    ensureN8n(major): install on demand (npm install, sqlite3 rebuild, lock, stamp)
 *   env.js        the environment every n8n process runs with
 *   cli.js        one-shot CLI commands: imports, execute (parsed by run-data.js), export:nodes
 *   server.js     long-running processes: `n8n start`, and any other command with a readiness check
 *   package.js    npm pack, and installing the tarball into a user folder like n8n does
 *   executions.js the execution records in n8n's database (status of each run)
 *   queue.js      queue mode: Redis, PostgreSQL, n8n main and workers
 *   owner.js      the owner account a fresh n8n is set up with
 *
 * Plain CommonJS, so jest (e2e) and the scripts use it without a build step. The one path that
 * puts these together (build, pack, n8n, user folder, sandbox, credentials) is ../workspace.js.
 */

module.exports = {
	...require('./versions'),
	...require('./install'),
	...require('./env'),
	...require('./cli'),
	...require('./server'),
	...require('./package'),
	...require('./run-data'),
	...require('./executions'),
	...require('./queue'),
	...require('./owner'),
};
