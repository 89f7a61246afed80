#!/usr/bin/env node
'use strict';

// Runs the vendor sandbox until SIGINT/SIGTERM and prints what a client needs.
//   node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--config '<json>' | --config file.json]
//                            [--no-log] [--verbose]
// --config takes the same patch as POST /__sandbox/config, e.g.
//   --config '{"chatbotx":{"rateLimit":{"limit":120,"windowMs":10000}},"hypersender":{"queued":true}}'

const fs = require('node:fs');
const { createSandbox } = require('./server');
const { explainListenError } = require('./lib/listen-error');
const { VENDORS } = require('./vendors');

const USAGE =
	'usage: node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--config <json|file>] [--no-log] [--verbose]';

function parseArgs(argv) {
	const args = { port: 4010, host: '127.0.0.1', config: {}, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		if (flag === '--port') args.port = Number(value());
		else if (flag === '--host') args.host = value();
		else if (flag === '--config') args.config = { ...args.config, ...readConfig(value()) };
		else if (flag === '--no-log') args.config.logRequests = false;
		else if (flag === '--verbose') args.verbose = true;
		else if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`unknown option ${flag}`);
	}
	if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
		throw new Error('--port must be 0-65535');
	return args;
}

function readConfig(text) {
	return JSON.parse(text.trim().startsWith('{') ? text : fs.readFileSync(text, 'utf8'));
}

/**
 * Each sandbox vendor's credential values, named like the n8n credential's fields, in the
 * sandbox's vendor order (sandbox/vendors, which a unit test checks against the node's registry).
 */
function credentialLines(credentials) {
	return VENDORS.flatMap((vendor) =>
		Object.entries(credentials[vendor.id]).map(
			([field, value], index) =>
				`  ${(index === 0 ? `${vendor.displayName} API` : '').padEnd(17)}${field.padEnd(7)} ${value}`,
		),
	);
}

function describe(sandbox) {
	const { credentials, seed } = sandbox.info();
	const stages = seed.vambe.pipelines.flatMap((p) =>
		p.stages.map((s) => `${s.id} (${p.name} / ${s.name})`),
	);
	return [
		`Vendor sandbox listening on ${sandbox.url}`,
		'',
		'Credentials (Base URL + secret for each n8n credential):',
		...credentialLines(credentials),
		'',
		'Vambe seed:',
		`  channel phone numbers  ${seed.vambe.channelPhoneNumbers.join(', ')}`,
		`  webchat channel id     ${seed.vambe.webchatChannelId}`,
		`  custom field keys      ${seed.vambe.customFieldKeys.join(', ')}`,
		`  pipeline ids           ${seed.vambe.pipelines.map((p) => `${p.id} (${p.name})`).join(', ')}`,
		`  stage ids              ${stages.join('\n                         ')}`,
		`  agent ids              ${seed.vambe.teamMembers.map((m) => `${m.id} (${m.name})`).join('\n                         ')}`,
		'',
		`Control API: ${sandbox.url}/__sandbox/info | /requests | /contacts | /config (POST) | /reset (POST)`,
		'Ctrl+C to stop.',
	].join('\n');
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${error.message}\n${USAGE}`);
		process.exit(2);
	}
	const onRequest = args.verbose
		? (e) =>
				console.log(
					`${new Date().toISOString()} ${e.vendor || '-'} ${e.method} ${e.path} -> ${e.status}${e.fault ? ` [${e.fault}]` : ''}`,
				)
		: undefined;
	const sandbox = createSandbox({ config: args.config, onRequest });
	try {
		await sandbox.listen(args.port, args.host);
	} catch (error) {
		throw explainListenError(error, { port: args.port, host: args.host, flag: '--port' });
	}
	console.log(describe(sandbox));

	const stop = async (signal) => {
		console.log(`\n${signal}: stopping the sandbox`);
		// A second signal, or a close that stalls, must still end the process.
		process.once(signal, () => process.exit(1));
		setTimeout(() => process.exit(1), 3000).unref();
		await sandbox.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}

module.exports = { credentialLines };
