/**
 * n8n-core's ExecuteContext starts an SSH-tunnel cleanup interval through its DI container; stop it
 * after each test file so Jest can exit. (Plain JS: it reaches into n8n-core internals that the
 * node itself must never import.)
 */
const path = require('node:path');

afterAll(() => {
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
