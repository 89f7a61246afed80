'use strict';
/**
 * One measured run: `n8n execute` of an imported bench workflow with preload.js inside the n8n
 * process, and a probe on the vendor sandbox. Returns the figures of the node under test:
 *
 *   nodeMs      the node's executionTime from n8n's run data (wall time of the node)
 *   items, failed   output items, and those carrying `json.error` (On Error → Continue)
 *   cpuMs       CPU time (user + system) of the whole n8n process, start to exit
 *   nodeCpuMs   CPU time of the n8n process while the node ran (from the preload's samples)
 *   maxRssKiB   peak resident set size of the n8n process (process.resourceUsage().maxRSS)
 *   liveHeap    with `forceGcMs`: the heap left after each forced full garbage collection while
 *               the node ran, { first, last, max } in bytes (what is really retained)
 *   requests, statuses, peakInFlight, meanInFlight   what the sandbox saw
 *   benchCpuMs  CPU time of this process during the run (the sandbox, and reading n8n's output)
 *   otherCores  cores kept busy by other processes on the machine meanwhile (noise indicator)
 */

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('../lib/n8n');
const { TARGET } = require('./workflows');

const PRELOAD = path.join(__dirname, 'preload.js');

/**
 * Counts what reaches the sandbox: requests in flight (peak), answers by status, and the time
 * of each answer. Attach once; `start()` clears it before each run.
 */
function createProbe(sandbox) {
	const fresh = () => ({
		inFlight: 0,
		peakInFlight: 0,
		statuses: {},
		answers: [],
		requests: 0,
		busyMs: 0,
		firstArrival: null,
		lastAnswer: null,
	});
	let state = fresh();
	sandbox.server.on('request', (req, res) => {
		if (!req.url.startsWith('/chatbotx/')) return;
		const run = state;
		const arrived = Date.now();
		if (run.firstArrival === null) run.firstArrival = arrived;
		run.requests++;
		run.inFlight++;
		if (run.inFlight > run.peakInFlight) run.peakInFlight = run.inFlight;
		res.once('close', () => {
			const now = Date.now();
			run.inFlight--;
			run.busyMs += now - arrived;
			run.lastAnswer = now;
			run.statuses[res.statusCode] = (run.statuses[res.statusCode] || 0) + 1;
			run.answers.push([now, res.statusCode, now - arrived]);
		});
	});
	return {
		start() {
			state = fresh();
		},
		snapshot: () => {
			const spanMs = state.lastAnswer === null ? 0 : state.lastAnswer - state.firstArrival;
			return {
				requests: state.requests,
				peakInFlight: state.peakInFlight,
				// Little's law: time-averaged requests in flight at the sandbox while it was being used.
				meanInFlight: spanMs > 0 ? state.busyMs / spanMs : 0,
				statuses: { ...state.statuses },
				answers: state.answers.slice(),
			};
		},
	};
}

/** Busy and total CPU ticks of the whole machine (/proc/stat), or null off Linux. */
function machineTicks() {
	try {
		const fields = fs
			.readFileSync('/proc/stat', 'utf8')
			.split('\n')[0]
			.trim()
			.split(/\s+/)
			.slice(1)
			.map(Number);
		const total = fields.reduce((a, b) => a + b, 0);
		const idle = fields[3] + (fields[4] || 0);
		return { busy: total - idle, total };
	} catch {
		return null;
	}
}

/** Clock ticks per second of /proc/stat (USER_HZ; 100 on Linux). */
const USER_HZ = 100;

/** CPU µs at epoch time `t`, interpolated between the preload's samples. */
function cpuAt(samples, t) {
	if (samples.length === 0) return 0;
	if (t <= samples[0][0]) return samples[0][1];
	for (let i = 1; i < samples.length; i++) {
		const [t1, c1] = samples[i];
		if (t1 >= t) {
			const [t0, c0] = samples[i - 1];
			return t1 === t0 ? c1 : c0 + ((c1 - c0) * (t - t0)) / (t1 - t0);
		}
	}
	return samples[samples.length - 1][1];
}

/**
 * The preload record of the main n8n process (`n8n execute`), and the CPU ms of every process
 * that wrote one (n8n and any helper it started).
 */
function readUsage(dir) {
	const records = fs
		.readdirSync(dir)
		.filter((file) => file.startsWith('usage-'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
	const main = records.find((record) => record.argv.includes('execute'));
	if (!main) {
		throw new Error(
			`the n8n process wrote no usage record (found ${records.length}); is NODE_OPTIONS honoured?`,
		);
	}
	const allCpuMs = records.reduce(
		(sum, record) => sum + (record.cpuUsage.user + record.cpuUsage.system) / 1000,
		0,
	);
	return { main, allCpuMs };
}

/** Resets the sandbox (empty stores, fresh rate-limit windows) and the probe before a run. */
function startFresh(sandbox, probe, sandboxConfig) {
	sandbox.reset();
	sandbox.configure(sandboxConfig);
	probe.start();
}

/**
 * Runs workflow `workflowId` once. `sandboxConfig` is applied to a freshly reset sandbox first,
 * so every run meets the same vendor.
 */
async function measureRun({
	major,
	userFolder,
	sandbox,
	probe,
	workflowId,
	sandboxConfig,
	forceGcMs,
	cpuProfDir = null,
}) {
	startFresh(sandbox, probe, sandboxConfig);
	const usageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-'));
	const ticksBefore = machineTicks();
	const ownBefore = process.cpuUsage();
	try {
		const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(PRELOAD)}`]
			.filter(Boolean)
			.join(' ');
		const env = { NODE_OPTIONS: nodeOptions, BENCH_USAGE_DIR: usageDir };
		if (forceGcMs) env.BENCH_FORCE_GC_MS = String(forceGcMs);
		if (cpuProfDir) env.BENCH_CPU_PROF_DIR = cpuProfDir;
		const execution = await n8n.executeWorkflow(major, userFolder, workflowId, {
			env,
			timeoutMs: 20 * 60 * 1000,
		});
		const seen = probe.snapshot();
		const ticksAfter = machineTicks();
		const own = process.cpuUsage(ownBefore);
		const { main: usage, allCpuMs } = readUsage(usageDir);
		// Cores kept busy by everything else on the machine while n8n ran (other users' jobs).
		const ownMs = (own.user + own.system) / 1000;
		let otherCores = null;
		if (ticksBefore && ticksAfter) {
			const busyMs = ((ticksAfter.busy - ticksBefore.busy) * 1000) / USER_HZ;
			otherCores = Math.max(0, busyMs - allCpuMs - ownMs) / execution.ms;
		}
		const taskData = execution.resultData.runData[TARGET];
		if (!taskData || taskData.length === 0) {
			throw new Error(`node "${TARGET}" did not run in workflow ${workflowId}`);
		}
		const task = taskData[taskData.length - 1];
		const output = ((task.data && task.data.main && task.data.main[0]) || []).map((i) => i.json);
		const nodeMs = task.executionTime;
		const nodeCpuUs =
			cpuAt(usage.samples, task.startTime + nodeMs) - cpuAt(usage.samples, task.startTime);
		const during = (usage.liveHeap || [])
			.filter(([time]) => time >= task.startTime && time <= task.startTime + nodeMs)
			.map(([, bytes]) => bytes);
		const liveHeap =
			during.length > 0
				? { first: during[0], last: during[during.length - 1], max: Math.max(...during) }
				: null;
		return {
			nodeMs,
			processMs: execution.ms,
			items: output.length,
			failed: output.filter((json) => json && json.error !== undefined).length,
			firstError: (output.find((json) => json && json.error !== undefined) || {}).error,
			cpuMs: (usage.cpuUsage.user + usage.cpuUsage.system) / 1000,
			nodeCpuMs: nodeCpuUs / 1000,
			maxRssKiB: usage.resourceUsage.maxRSS,
			liveHeap,
			requests: seen.requests,
			peakInFlight: seen.peakInFlight,
			meanInFlight: seen.meanInFlight,
			otherCores,
			benchCpuMs: ownMs,
			statuses: seen.statuses,
			answers: seen.answers,
			nodeStart: task.startTime,
		};
	} finally {
		fs.rmSync(usageDir, { recursive: true, force: true });
	}
}

const RAW_CLIENT = path.join(__dirname, 'raw-client.js');

/**
 * One run of raw-client.js (Node's http.request, no n8n) in a child process against the sandbox,
 * with the same figures as measureRun where they apply (no n8n process: no RSS, no no-op pairing).
 */
async function measureRawClient({ sandbox, probe, sandboxConfig, items, concurrency, keepAlive }) {
	startFresh(sandbox, probe, sandboxConfig);
	const { baseUrl, accessToken } = sandbox.credentials().chatbotx;
	const ownBefore = process.cpuUsage();
	const stdout = await new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[RAW_CLIENT, JSON.stringify({ baseUrl, token: accessToken, items, concurrency, keepAlive })],
			{ timeout: 10 * 60 * 1000, maxBuffer: 1 << 20 },
			(error, out, err) =>
				error ? reject(new Error(`raw-client: ${err || error.message}`)) : resolve(out),
		);
	});
	const own = process.cpuUsage(ownBefore);
	const result = JSON.parse(stdout.trim().split('\n').pop());
	const seen = probe.snapshot();
	return {
		nodeMs: result.ms,
		processMs: result.ms,
		items: result.items,
		failed: result.failed,
		cpuMs: result.cpuMs,
		nodeCpuMs: result.cpuMs,
		maxRssKiB: null,
		requests: seen.requests,
		peakInFlight: seen.peakInFlight,
		meanInFlight: seen.meanInFlight,
		otherCores: null,
		benchCpuMs: (own.user + own.system) / 1000,
		statuses: seen.statuses,
		answers: seen.answers,
	};
}

module.exports = { createProbe, measureRun, measureRawClient, cpuAt };
