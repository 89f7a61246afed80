#!/usr/bin/env node
'use strict';
/**
 * npm start [-- --n8n v2] [--port 5678] [--sandbox-port 4010] [--reimport-examples] [--verbose]
 *
 * A local playground: the n8n editor with this package installed, the vendor sandbox running,
 * four ready "<Vendor> (sandbox)" credentials and the example workflows. The n8n user folder
 * (node_modules/.cache/contact-upsert/playground/<v1|v2>) persists between starts, so the owner account, edits and
 * executions stay; the package is reinstalled from a fresh build every time.
 */

const path = require('node:path');

const n8n = require('./lib/n8n');
const { parseArgs, portNumber } = require('./lib/args');
const { SANDBOX_CREDENTIALS } = require('./lib/credentials');
const { seconds } = require('./lib/log');
const { userFolder: userFolderFor } = require('./lib/paths');
const { portInUse } = require('./lib/ports');
const { step, stepReporter, fail } = require('./lib/steps');
const workspace = require('./lib/workspace');
const packages = require('./lib/packages');

const USAGE = `usage: npm start [-- options]
  --n8n v1|v2            n8n 1.x (default) or 2.x
  --port <n>             editor port (default 5678)
  --sandbox-port <n>     vendor sandbox port on 127.0.0.1 (default 4010)
  --folder <dir>         n8n user folder (default node_modules/.cache/contact-upsert/playground/<v1|v2>)
  --reimport-examples    import the example workflows again, replacing your edits of them
  --verbose              show n8n's own log`;

async function main() {
	const args = parseArgs(process.argv.slice(2), {
		n8n: { value: true, default: 'v1', choices: n8n.MAJORS },
		port: { value: true, default: 5678, parse: portNumber },
		'sandbox-port': { value: true, default: 4010, parse: portNumber },
		folder: { value: true, default: undefined },
		'reimport-examples': {},
		verbose: {},
		help: {},
	});
	if (args.help) return void process.stdout.write(`${USAGE}\n`);
	const major = args.n8n;
	// One folder per major: n8n 2.x migrates the database in a way 1.x cannot open again.
	const userFolder = path.resolve(args.folder || userFolderFor('playground', major));

	// Fail before the slow steps when a port is taken.
	if (await portInUse(args.port, '0.0.0.0')) {
		throw new Error(
			`Port ${args.port} is already in use, so n8n cannot start there. Stop the other n8n ` +
				'(or whatever holds it) or pick another port with --port <n>.',
		);
	}
	const timings = [];
	const started = Date.now();
	process.stdout.write(
		`Contact Upsert playground (n8n ${major}, ${path.relative(process.cwd(), userFolder) || '.'})\n`,
	);
	if (!n8n.isInstalled(major)) {
		process.stdout.write(`  (first run: installing n8n ${major} into .cache/n8n, a few minutes)\n`);
	}
	const sandbox = await step(
		timings,
		'start vendor sandbox',
		() =>
			workspace.startSandbox({
				port: args['sandbox-port'],
				onRequest: (entry) =>
					process.stdout.write(
						`  sandbox: ${entry.vendor || '-'} ${entry.method} ${entry.path} → ${entry.status}\n`,
					),
			}),
		(s) => s.url,
	);
	let server;
	let stopping = false;
	const stop = async (reason, exitCode) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${reason}: stopping n8n and the sandbox…\n`);
		// A second Ctrl-C, or a stop that hangs, still ends the process.
		process.once('SIGINT', () => process.exit(130));
		setTimeout(() => process.exit(1), 30000).unref();
		if (server) await server.stop();
		await sandbox.close();
		process.stdout.write('Stopped.\n');
		process.exit(exitCode);
	};
	process.on('SIGINT', () => stop('Ctrl-C', 0));
	process.on('SIGTERM', () => stop('SIGTERM', 0));
	// `kill <npm pid>` ends npm and its shell but not this process: notice being orphaned and stop
	// rather than leave n8n running in the background.
	const parent = process.ppid;
	setInterval(() => process.ppid !== parent && stop('npm exited', 0), 1000).unref();

	try {
		const { pkg } = await workspace.prepare({
			major,
			userFolder,
			sandbox,
			vendorPackages: true,
			workflows: () => missingExamples(major, userFolder, args['reimport-examples']),
			report: stepReporter(timings),
		});
		server = await step(
			timings,
			'start n8n',
			() => n8n.startN8nServer(major, userFolder, { port: args.port, echo: args.verbose }),
			(s) => s.url,
		);
		printInstructions({ server, sandbox, pkg, major, userFolder, readyMs: Date.now() - started });
	} catch (error) {
		if (server) await server.stop();
		await sandbox.close();
		throw error;
	}

	// n8n ending on its own (a crash, a killed process) ends the playground too.
	server.process.on('exit', (code, signal) => {
		if (stopping) return;
		process.stderr.write(`\nn8n exited (code ${code}, signal ${signal}). Last output:\n`);
		process.stderr.write(`${server.output().trimEnd().split('\n').slice(-20).join('\n')}\n`);
		stop('n8n exited', 1);
	});
}

/**
 * The examples the database does not have yet (all of them with `force`). Existing ones are left
 * alone so edits made in the editor survive a restart.
 */
async function missingExamples(major, userFolder, force) {
	const examples = workspace.listExamples().map(({ workflow }) => workflow);
	if (force) return examples;
	const existing = new Set(await n8n.listWorkflowIds(major, userFolder));
	return examples.filter((workflow) => !existing.has(workflow.id));
}

function printInstructions({ server, sandbox, pkg, major, userFolder, readyMs }) {
	const credentials = Object.values(SANDBOX_CREDENTIALS)
		.map((credential) => `"${credential.name}"`)
		.join(', ');
	const names = workspace.listExamples().map(({ workflow }) => `       - ${workflow.name}`);
	const lines = [
		'',
		`n8n ${n8n.n8nVersion(major)} is running at ${server.url} with ${pkg.name} ${pkg.version} and the single-service packages ${packages
			.listPackages()
			.map((entry) => entry.name)
			.join(', ')} (ready in ${seconds(readyMs)}).`,
		'',
		`  1. Open ${server.url}`,
		'     First start: create the owner account. Any e-mail address will do (nothing is sent to it);',
		'     n8n wants a password of 8 or more characters with at least one number and one capital',
		'     letter, e.g. Sandbox-2025. The account stays on this machine.',
		'  2. Open an example workflow (Overview → Workflows):',
		...names,
		'  3. Click "Execute workflow". The sticky notes explain each step.',
		`  Credentials ${credentials} are ready; they point at the vendor sandbox ${sandbox.url}.`,
		`  What the vendors stored: ${sandbox.url}/__sandbox/contacts   requests: ${sandbox.url}/__sandbox/requests`,
		'',
		`Data stays in ${path.relative(process.cwd(), userFolder) || '.'}. Ctrl-C stops n8n and the sandbox.`,
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => fail(error, USAGE));
