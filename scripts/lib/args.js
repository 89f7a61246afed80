'use strict';
/** The one command-line parser of the scripts (demo, start, screenshots, bench). */

/**
 * Parses `--name value` / `--name=value` / `--flag` arguments against a spec:
 *   { n8n: { value: true, default: 'v1', choices: ['v1', 'v2'] }, help: {} }
 * `parse(value, flag)` converts a value (and throws usageError for a bad one). A flag without
 * `value` is false unless given. Throws a usage error (error.usage = true) for anything unknown
 * or malformed.
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

module.exports = { parseArgs, usageError, portNumber };
