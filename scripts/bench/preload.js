'use strict';
/**
 * Loaded into the n8n process with NODE_OPTIONS=--require <this file> (see measure.js).
 *
 * Samples the process's CPU time every SAMPLE_MS and, at exit, writes one JSON file
 * <BENCH_USAGE_DIR>/usage-<pid>.json with the final process.cpuUsage(), process.resourceUsage()
 * (maxRSS in KiB), the samples ([epoch ms, CPU µs]), the live heap after forced collections when
 * asked ([epoch ms, bytes]) and argv, so the caller can pick the main n8n
 * process (n8n may start helper processes that inherit NODE_OPTIONS) and work out the CPU spent
 * between two moments of the run (e.g. a node's startTime and startTime + executionTime).
 *
 * With BENCH_CPU_PROF_DIR (bench --cpu-prof) it also profiles the process with V8's sampling
 * profiler and writes <dir>/cpu-<pid>.cpuprofile at exit (Node refuses --cpu-prof in NODE_OPTIONS).
 */

const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_USAGE_DIR;
const SAMPLE_MS = 20;

if (dir) {
	// `n8n execute` prints the run data and then calls process.exit(): writes to a pipe are
	// asynchronous, so a large run (20,000 items) would lose the end of its JSON. Blocking writes
	// deliver all of it.
	for (const stream of [process.stdout, process.stderr]) {
		if (stream._handle && typeof stream._handle.setBlocking === 'function') {
			stream._handle.setBlocking(true);
		}
	}

	// BENCH_FORCE_GC_MS: a full garbage collection every so often, recording the heap left after
	// it: what the process really retains. Its own run only, since forced collections lower the
	// peak RSS the other runs measure.
	const liveHeap = [];
	const gcEveryMs = Number(process.env.BENCH_FORCE_GC_MS || 0);
	if (gcEveryMs > 0) {
		require('node:v8').setFlagsFromString('--expose-gc');
		const gc = require('node:vm').runInNewContext('gc');
		setInterval(() => {
			gc();
			liveHeap.push([Date.now(), process.memoryUsage().heapUsed]);
		}, gcEveryMs).unref();
	}

	const samples = [];
	const sample = () => {
		const { user, system } = process.cpuUsage();
		samples.push([Date.now(), user + system]);
	};
	sample();
	setInterval(sample, SAMPLE_MS).unref();

	// The in-process inspector session answers synchronously, so the exit handler can stop it.
	const profileDir = process.env.BENCH_CPU_PROF_DIR;
	let profiler;
	if (profileDir) {
		profiler = new (require('node:inspector').Session)();
		profiler.connect();
		profiler.post('Profiler.enable');
		profiler.post('Profiler.start');
	}
	const writeProfile = () => {
		profiler.post('Profiler.stop', (error, result) => {
			if (error) return;
			fs.mkdirSync(profileDir, { recursive: true });
			const file = path.join(profileDir, `cpu-${process.pid}.cpuprofile`);
			fs.writeFileSync(file, JSON.stringify(result.profile));
		});
	};

	let written = false;
	const write = () => {
		if (written) return;
		written = true;
		sample();
		const record = {
			pid: process.pid,
			argv: process.argv.slice(1),
			cpuUsage: process.cpuUsage(),
			resourceUsage: process.resourceUsage(),
			uptimeMs: Math.round(process.uptime() * 1000),
			samples,
			liveHeap,
		};
		try {
			fs.writeFileSync(path.join(dir, `usage-${process.pid}.json`), JSON.stringify(record));
		} catch {
			// the benchmark reports the missing file
		}
		if (profiler) writeProfile();
	};
	// n8n's CLI ends with process.exit(); a process killed by a signal writes nothing.
	process.on('exit', write);

	if (profiler) {
		// n8n's logger hands the run data to stdout a part at a time, asynchronously; under the
		// profiler the process is slow enough that process.exit() came before the last parts and
		// the run data was cut off. Exit once stdout has stayed quiet for a few moments.
		const exit = process.exit.bind(process);
		process.exit = (code) => {
			let written = -1;
			let quiet = 0;
			const check = () => {
				const now = process.stdout.bytesWritten ?? 0;
				quiet = now === written && process.stdout.writableLength === 0 ? quiet + 1 : 0;
				written = now;
				if (quiet >= 5) exit(code);
				else setTimeout(check, 50);
			};
			check();
		};
	}
}
