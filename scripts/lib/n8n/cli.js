'use strict';
/**
 * n8n's command line: one CLI call per function (each boots n8n, several seconds). Imports,
 * `execute` with its run data parsed, `list:workflow`, `export:nodes`.
 *
 *   await importCredentials('v2', userFolder, [{ id, name, type, data: { apiKey: 'k' } }]);
 *   await importWorkflows('v2', userFolder, [workflowJson]);   // each needs an "id"
 *   const { output } = await executeWorkflow('v2', userFolder, workflowJson.id);
 *   output['Contact Upsert'][0]                                  // items (json) of output 0
 *
 * Use one user folder per n8n process: each holds its own SQLite database.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { run, assertOk, tail } = require('../processes');
const { n8nEnv } = require('./env');
const { checkMajor, nodeBinary, n8nBin } = require('./versions');
const {
	extractJsonObjects,
	withoutJson,
	findResultData,
	outputsFromRunData,
	describeError,
} = require('./run-data');

const DEFAULT_CLI_TIMEOUT_MS = 5 * 60 * 1000;

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

/**
 * Import workflows (each needs an "id", e.g. 'e2eWorkflow00001') in one `import:workflow` call:
 * one n8n start-up for any number of them. Checks n8n's own count, not only the exit code.
 */
async function importWorkflows(major, userFolder, workflows, options = {}) {
	const missingId = workflows.find((workflow) => !workflow || !workflow.id);
	if (missingId) throw new Error('importWorkflows: every workflow JSON needs an "id"');
	const data = workflows.map((workflow) =>
		Object.assign({ active: false, settings: {}, connections: {} }, workflow),
	);
	const file = writeTempJson(userFolder, 'workflows', data);
	const result = await runN8n(major, userFolder, ['import:workflow', `--input=${file}`], options);
	const imported = /Successfully imported (\d+) workflow/.exec(result.stdout);
	if (result.code !== 0 || !imported || Number(imported[1]) !== workflows.length) {
		throw new Error(
			`n8n import:workflow of ${workflows.length} workflows failed (exit ${result.code})\n${tail(result.stdout)}\n${tail(result.stderr)}`,
		);
	}
	return result;
}

/** Import one workflow (it needs an "id"). */
function importWorkflow(major, userFolder, workflow, options = {}) {
	return importWorkflows(major, userFolder, [workflow], options);
}

/** The ids of the workflows in the user folder's database (`n8n list:workflow --onlyId`). */
async function listWorkflowIds(major, userFolder, options = {}) {
	const result = assertOk(
		await runN8n(major, userFolder, ['list:workflow', '--onlyId'], options),
		'n8n list:workflow',
	);
	return result.stdout
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
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
 * Activates imported workflows (`n8n update:workflow --id=<id> --active=true`), so that their
 * triggers (e.g. a Webhook's production URL) are registered when `n8n start` comes up. Run it
 * while no n8n server uses the database.
 */
async function activateWorkflows(major, userFolder, workflowIds, options = {}) {
	for (const id of workflowIds) {
		assertOk(
			await runN8n(major, userFolder, ['update:workflow', `--id=${id}`, '--active=true'], options),
			`n8n update:workflow --id=${id} --active=true`,
		);
	}
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

module.exports = {
	runN8n,
	importCredentials,
	importWorkflow,
	importWorkflows,
	listWorkflowIds,
	activateWorkflows,
	executeWorkflow,
	listNodeTypes,
};
