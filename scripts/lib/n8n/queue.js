'use strict';
/**
 * n8n queue mode on this machine, everything on loopback: a throw-away Redis and PostgreSQL
 * (../services), n8n main (`n8n start` with EXECUTIONS_MODE=queue: it receives the webhooks and
 * puts each execution on the queue) and `n8n worker` processes that run them. Main and workers
 * share one user folder (that is where they find the community package, installed once), one
 * database, one Redis queue (a prefix of its own per run) and one encryption key.
 *
 *   const services = await startQueueServices();        // services.env: for every n8n process
 *   await importCredentials(major, userFolder, records, { env: services.env });  // into PostgreSQL
 *   const cluster = await startQueueCluster(major, userFolder, services.env, { workers: 2 });
 *   cluster.main.url, cluster.workers[0].startedExecutions()
 *   await cluster.stop(); await services.stop();
 */

const crypto = require('node:crypto');
const { getFreePort } = require('../ports');
const { startRedis } = require('../services/redis');
const { startPostgres } = require('../services/postgres');
const { startN8nProcess, startN8nServer, httpGet } = require('./server');

const HOST = '127.0.0.1';

/**
 * Starts Redis and PostgreSQL; resolves { redis, postgres, env, stop() } where `env` is the
 * environment every n8n process of the cluster (and every CLI call against its database) needs.
 */
async function startQueueServices() {
	const redis = await startRedis();
	let postgres;
	try {
		postgres = await startPostgres();
	} catch (error) {
		await redis.stop();
		throw error;
	}
	const env = {
		EXECUTIONS_MODE: 'queue',
		...redis.n8nEnv(),
		// One Redis can hold several runs' queues; a prefix of its own keeps them apart.
		QUEUE_BULL_PREFIX: `contact-upsert-${crypto.randomBytes(4).toString('hex')}`,
		...postgres.n8nEnv(),
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
	};
	return {
		redis,
		postgres,
		env,
		async stop() {
			const results = await Promise.allSettled([postgres.stop(), redis.stop()]);
			const failed = results.find((result) => result.status === 'rejected');
			if (failed) throw failed.reason;
		},
	};
}

/** The execution ids a worker's log says it started ("Worker started execution 12 (job 3)"). */
function startedExecutions(output) {
	return [...output.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

/** One `n8n worker --concurrency=<n>`, ready when its health check says so. */
async function startWorker(major, userFolder, env, { index, concurrency, echo }) {
	const healthPort = await getFreePort();
	const handle = await startN8nProcess(major, userFolder, 'worker', {
		args: [`--concurrency=${concurrency}`],
		echo,
		describe: `n8n ${major} worker ${index + 1}`,
		env: {
			...env,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: HOST,
		},
		async ready({ output }) {
			if (!/n8n worker is now ready/.test(output())) return false;
			try {
				return (
					(await httpGet(`http://${HOST}:${healthPort}/healthz/readiness`, 2000)).status === 200
				);
			} catch {
				return false;
			}
		},
	});
	return Object.assign(handle, {
		index,
		healthPort,
		startedExecutions: () => startedExecutions(handle.output()),
	});
}

/**
 * Starts n8n main and `workers` workers (each `--concurrency=<concurrency>`) against the services'
 * `env`. Resolves { main, workers, stop() }; `main.url` is its loopback address. Everything it
 * started is stopped again when a later process fails to start.
 */
async function startQueueCluster(major, userFolder, env, options = {}) {
	const { workers: count = 2, concurrency = 10, echo = false } = options;
	const started = [];
	const stop = async () => {
		// Main first (no new webhooks), then the workers; each stop is bounded.
		const [main, ...rest] = started;
		if (main) await main.stop();
		await Promise.allSettled(rest.map((handle) => handle.stop()));
	};
	try {
		const main = await startN8nServer(major, userFolder, {
			echo,
			env: { ...env, N8N_LISTEN_ADDRESS: HOST },
		});
		started.push(main);
		main.url = `http://${HOST}:${main.port}`;
		// One after the other: two n8n start-ups at once on a small machine only slow each other.
		for (let index = 0; index < count; index++) {
			started.push(await startWorker(major, userFolder, env, { index, concurrency, echo }));
		}
		return { main, workers: started.slice(1), stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueServices, startQueueCluster, startedExecutions };
