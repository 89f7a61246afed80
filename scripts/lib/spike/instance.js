'use strict';
/**
 * A running n8n that receives webhooks, in one of two set-ups:
 *
 *   regular: `n8n start` with its SQLite database; the main process runs every execution
 *   queue:   Redis + PostgreSQL + n8n main (receives the webhooks, queues the executions) +
 *            `workers` × `n8n worker --concurrency=<concurrency>` (run them)
 *
 * Both are prepared the same way (scripts/lib/workspace.js: the packed package installed into
 * the user folder, credentials and workflows imported), with the workflows activated before n8n
 * starts, and listen on loopback only. `stop()` ends every process and service it started; so
 * does a failure half-way through starting.
 *
 *   const instance = await startInstance({ mode: 'queue', major: 'v1', userFolder, tgz, sandbox,
 *     credentials, workflows });
 *   await sendSpike({ url: instance.webhookUrl(path), bodies });
 *   await instance.executions(workflowId);   // [{ id, status, finished, mode }]
 *   instance.workers[0].startedExecutions();  // queue mode: execution ids this worker ran
 *   await instance.stop();
 */

const n8n = require('../n8n');
const { httpGet } = require('../n8n/server');
const workspace = require('../workspace');
const { sleep } = require('../processes');

const HOST = '127.0.0.1';
const WEBHOOK_READY_TIMEOUT_MS = 60000;

/**
 * Resolves once every path answers a GET with n8n's "Did you mean to make a POST request?": the
 * production webhook is registered (right after start-up it is not yet).
 */
async function waitForWebhooks(baseUrl, paths, timeoutMs = WEBHOOK_READY_TIMEOUT_MS) {
	const started = Date.now();
	for (const path of paths) {
		for (;;) {
			const answer = await httpGet(`${baseUrl}/webhook/${path}`, 2000).catch((error) => ({
				body: error.message,
			}));
			if (/make a POST request/.test(answer.body)) break;
			if (Date.now() - started > timeoutMs) {
				throw new Error(
					`the webhook /webhook/${path} was not registered within ${timeoutMs} ms (last answer: ${String(answer.body).slice(0, 200)})`,
				);
			}
			await sleep(500);
		}
	}
}

/**
 * Options: mode ('regular' | 'queue'), major, userFolder, tgz, sandbox, credentials(sandbox),
 * workflows (each with a Webhook node; all activated), webhookPaths (to wait for), workers and
 * concurrency (queue mode), echo (stream n8n's output).
 * Resolves { mode, major, url, webhookUrl(path), executions(workflowId), workers, stop() }.
 */
async function startInstance(options) {
	const { mode, major, userFolder, workflows, echo = false } = options;
	if (mode !== 'regular' && mode !== 'queue') throw new Error(`unknown mode "${mode}"`);
	const stack = [];
	// Stops in reverse order of start; one failing stop does not keep the others running.
	const stop = async () => {
		const errors = [];
		while (stack.length > 0)
			await stack
				.pop()()
				.catch((error) => errors.push(error));
		if (errors.length > 0) throw errors[0];
	};
	try {
		let env = {};
		if (mode === 'queue') {
			const services = await n8n.startQueueServices();
			stack.push(() => services.stop());
			env = services.env;
		}
		await workspace.prepare({
			major,
			userFolder,
			fresh: true,
			tgz: options.tgz,
			sandbox: options.sandbox,
			credentials: options.credentials,
			workflows,
			env,
		});
		await n8n.activateWorkflows(
			major,
			userFolder,
			workflows.map((workflow) => workflow.id),
			{ env },
		);

		let url;
		let workers = [];
		if (mode === 'queue') {
			const cluster = await n8n.startQueueCluster(major, userFolder, env, {
				workers: options.workers,
				concurrency: options.concurrency,
				echo,
			});
			stack.push(() => cluster.stop());
			url = cluster.main.url;
			workers = cluster.workers;
		} else {
			const main = await n8n.startN8nServer(major, userFolder, {
				echo,
				env: { N8N_LISTEN_ADDRESS: HOST },
			});
			stack.push(() => main.stop());
			url = `http://${HOST}:${main.port}`;
		}
		await waitForWebhooks(url, options.webhookPaths || []);
		return {
			mode,
			major,
			url,
			workers,
			webhookUrl: (path) => `${url}/webhook/${path}`,
			executions: (workflowId) => n8n.listExecutions(major, userFolder, { workflowId, env }),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startInstance, waitForWebhooks };
