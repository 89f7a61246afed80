/**
 * After each test file: n8n-core's ExecuteContext starts an SSH-tunnel cleanup interval through
 * its DI container; stop it so Jest can exit. And nock's interceptor patches the Headers, Request
 * and Response globals, which every test file of a Jest worker shares: restore them, or each file
 * stacks its patches on the last one's until requests in later files fail ("Reflect.has called on
 * non-object"). (Plain JS: it reaches into n8n-core internals that the node itself must never
 * import.)
 */
const path = require('node:path');

afterAll(() => {
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	// For a file that never used nock, this loads it (patching the globals) and restores at once.
	require('nock').restore();
});
