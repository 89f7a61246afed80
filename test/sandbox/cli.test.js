'use strict';

// `node sandbox/cli.js` as a person runs it: a busy port is explained (what happened, what to do),
// in the same words `npm start` uses, and the process ends with exit code 1.

const net = require('node:net');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { explainListenError } = require('../../sandbox/lib/listen-error');

const CLI = path.join(__dirname, '..', '..', 'sandbox', 'cli.js');

function runCli(args) {
	return new Promise((resolve) => {
		execFile(process.execPath, [CLI, ...args], { timeout: 20000 }, (error, stdout, stderr) =>
			resolve({ code: error ? error.code : 0, stdout, stderr }),
		);
	});
}

test('a busy port ends the CLI with an explanation instead of a bare EADDRINUSE', async () => {
	const blocker = net.createServer();
	await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
	const { port } = blocker.address();
	try {
		const result = await runCli(['--port', String(port)]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim()).toBe(
			`Port ${port} on 127.0.0.1 is already in use, so the vendor sandbox cannot start there. ` +
				'Stop whatever uses it (another `npm start`?) or pick another port with --port <n>.',
		);
	} finally {
		await new Promise((resolve) => blocker.close(resolve));
	}
});

describe('explainListenError', () => {
	const where = { port: 4010, host: '127.0.0.1', flag: '--sandbox-port' };
	const failure = (code) => Object.assign(new Error(`listen ${code}`), { code });

	test.each([
		['EADDRINUSE', /^Port 4010 on 127\.0\.0\.1 is already in use.*--sandbox-port <n>\.$/],
		[
			'EACCES',
			/^Port 4010 on 127\.0\.0\.1 needs more rights.*above 1023 with --sandbox-port <n>\.$/,
		],
		['EADDRNOTAVAIL', /^127\.0\.0\.1 is not an address of this machine/],
	])('%s says what to do', (code, message) => {
		const explained = explainListenError(failure(code), where);
		expect(explained.message).toMatch(message);
		expect(explained.message).not.toContain(code);
	});

	test('any other error is passed on unchanged', () => {
		const other = failure('ECONNRESET');
		expect(explainListenError(other, where)).toBe(other);
	});
});
