'use strict';
/** Small helpers shared by scripts/demo.js and scripts/start.js: flags, timed steps, errors. */

/**
 * Parses `--name value` / `--flag` arguments against a spec:
 *   { n8n: { value: true, default: 'v1', choices: ['v1', 'v2'] }, help: {} }
 * Throws a usage error (error.usage = true) for anything unknown or malformed.
 */
function parseArgs(argv, spec) {
	const args = {};
	for (const [name, option] of Object.entries(spec)) {
		args[name] = option.value ? option.default : false;
	}
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const name = flag.replace(/^--?/, '');
		const option = spec[name === 'h' ? 'help' : name];
		if (!flag.startsWith('-') || !option) throw usageError(`unknown argument "${argv[i]}"`);
		if (!option.value) {
			args[name === 'h' ? 'help' : name] = true;
			continue;
		}
		const value = inline !== undefined ? inline : argv[++i];
		if (value === undefined || value.startsWith('--')) throw usageError(`${flag} needs a value`);
		if (option.choices && !option.choices.includes(value)) {
			throw usageError(`${flag} must be one of ${option.choices.join(', ')} (got "${value}")`);
		}
		args[name] = option.parse ? option.parse(value, flag) : value;
	}
	return args;
}

function usageError(message) {
	const error = new Error(message);
	error.usage = true;
	return error;
}

/** A TCP port number flag. */
function portNumber(value, flag) {
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw usageError(`${flag} must be a port number from 1 to 65535 (got "${value}")`);
	}
	return port;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs one named step, prints "  label   1.2 s  note" when it ends and records { label, ms } in
 * `timings`. `note` (a function of the step's result) adds a short remark to the line.
 */
async function step(timings, label, fn, note) {
	const started = Date.now();
	const result = await fn();
	const ms = Date.now() - started;
	timings.push({ label, ms });
	const remark = note ? note(result) : '';
	process.stdout.write(
		`  ${label.padEnd(26)} ${seconds(ms).padStart(7)}${remark ? `  ${remark}` : ''}\n`,
	);
	return result;
}

/** Prints an error for a person (no stack unless DEBUG is set) and sets a failing exit code. */
function fail(error, usage) {
	process.stderr.write(
		`\n${error.usage ? `${error.message}\n${usage}` : `Error: ${error.message}`}\n`,
	);
	if (process.env.DEBUG && error.stack) process.stderr.write(`${error.stack}\n`);
	process.exitCode = error.usage ? 2 : 1;
}

module.exports = { parseArgs, portNumber, seconds, step, fail };
