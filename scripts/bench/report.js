'use strict';
/** Formatting for the benchmark's output: the machine, figures with their spread, tables. */

const fs = require('node:fs');
const os = require('node:os');

function cpuModel() {
	try {
		const line = fs
			.readFileSync('/proc/cpuinfo', 'utf8')
			.split('\n')
			.find((entry) => entry.startsWith('model name'));
		if (line) return line.split(':').slice(1).join(':').trim();
	} catch {
		// not Linux
	}
	return (os.cpus()[0] && os.cpus()[0].model) || 'unknown CPU';
}

function machineLines({ n8nVersion, major }) {
	const load = os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
	return [
		`Machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.platform()} ${os.arch()}`,
		`Node ${process.version}, n8n ${n8nVersion} (${major}); load average at start: ${load}`,
	];
}

function median(values) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A figure measured once or several times: the median, with min–max after it when there are
 * several runs. `format` turns one number into text.
 */
function figure(values, format) {
	const finite = values.filter((v) => Number.isFinite(v));
	if (finite.length === 0) return '–';
	const text = format(median(finite));
	if (finite.length === 1) return text;
	// the range without the unit: "5.59 s (5.51–5.67)"
	const bare = (value) => format(value).replace(/^([-\d.,]+).*$/, '$1');
	return `${text} (${bare(Math.min(...finite))}–${bare(Math.max(...finite))})`;
}

/** The figure of one measure over several runs: `pick` reads it from a run. */
function measured(runs, pick, format) {
	return figure(runs.map(pick), format);
}

const fmt = {
	seconds: (ms) => `${(ms / 1000).toFixed(2)} s`,
	ratio: (value) => `${value.toFixed(2)}×`,
	ms: (value) => `${value.toFixed(2)} ms`,
	int: (value) => String(Math.round(value)),
	mib: (kib) => `${(kib / 1024).toFixed(0)} MiB`,
};

/** A plain-text table: first column left-aligned, the others right-aligned. */
function table(headers, rows) {
	const widths = headers.map((header, i) =>
		Math.max(header.length, ...rows.map((row) => String(row[i]).length)),
	);
	const line = (cells) =>
		cells
			.map((cell, i) =>
				i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]),
			)
			.join('  ')
			.trimEnd();
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** How busy the rest of the machine was during a scenario's runs: figures on a busy machine are slower. */
function noiseLine(results) {
	const cores = Object.values(results)
		.flat()
		.map((run) => run.otherCores)
		.filter((value) => Number.isFinite(value));
	if (cores.length === 0) return [];
	const mean = cores.reduce((a, b) => a + b, 0) / cores.length;
	return [
		`other processes on this machine kept ${mean.toFixed(2)} of ${os.cpus().length} cores busy on average during these runs (most in one run: ${Math.max(...cores).toFixed(2)})`,
	];
}

function elapsed(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

module.exports = {
	machineLines,
	median,
	figure,
	measured,
	fmt,
	table,
	elapsed,
	cpuModel,
	noiseLine,
};
