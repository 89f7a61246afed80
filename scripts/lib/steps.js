'use strict';
/** How the scripts report progress to a person: timed steps, and errors without stacks. */

const { seconds } = require('./log');

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

/** A step reporter for workspace.prepare(): step() with its own timings list. */
function stepReporter(timings = []) {
	return (label, fn, note) => step(timings, label, fn, note);
}

/** Prints an error for a person (no stack unless DEBUG is set) and sets a failing exit code. */
function fail(error, usage) {
	process.stderr.write(
		`\n${error.usage ? `${error.message}\n${usage}` : `Error: ${error.message}`}\n`,
	);
	if (process.env.DEBUG && error.stack) process.stderr.write(`${error.stack}\n`);
	process.exitCode = error.usage ? 2 : 1;
}

module.exports = { step, stepReporter, fail };
