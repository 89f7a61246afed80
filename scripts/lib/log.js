'use strict';
/** Progress output of the scripts and the e2e set-up: one format, written once. */

/** A logger that writes "[tag] message" lines to stderr, e.g. logger('n8n')('ready'). */
function logger(tag) {
	return (message) => process.stderr.write(`[${tag}] ${message}\n`);
}

/** An indented progress note on stderr (the benchmark's running commentary). */
function note(text) {
	process.stderr.write(`  ${text}\n`);
}

/** "1.2 s" */
function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

module.exports = { logger, note, seconds };
