'use strict';
/**
 * Last-resort clean-up for services this process started (a database server, a Redis): their
 * data folders and processes must not outlive a test run, even when it ends through an uncaught
 * error, `process.exit()` or a signal. Each task is synchronous (nothing asynchronous runs in an
 * 'exit' handler) and runs at most once. A service's normal `stop()` unregisters its task.
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const tasks = new Set();
let installed = false;

function runAll() {
	for (const task of [...tasks]) {
		tasks.delete(task);
		try {
			task();
		} catch {
			// keep going: the other services still need their clean-up
		}
	}
}

function onSignal(signal) {
	runAll();
	for (const name of SIGNALS) process.removeListener(name, onSignal);
	// Without other listeners, end the way the signal would have ended this process.
	if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install() {
	if (installed) return;
	installed = true;
	process.on('exit', runAll);
	for (const signal of SIGNALS) process.on(signal, onSignal);
}

/** Registers a synchronous clean-up task; returns a function that unregisters it. */
function onCleanup(task) {
	install();
	tasks.add(task);
	return () => tasks.delete(task);
}

module.exports = { onCleanup };
