'use strict';
/**
 * A throw-away PostgreSQL for n8n queue mode: Debian's server binaries, a fresh cluster in a data
 * folder under /tmp, a free loopback port, one test user with trust authentication on 127.0.0.1
 * only, and one database. The server runs as the `postgres` account when this process is root
 * (initdb and postgres refuse to run as root). `stop()` ends the server and deletes the folder;
 * the clean-up hooks do the same if this process ends first.
 *
 *   const db = await startPostgres();
 *   db.n8nEnv()                      // DB_TYPE=postgresdb and DB_POSTGRESDB_*
 *   await db.query('select 1 as one') // [{ one: 1 }]
 *   await db.stop();
 */

const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startServerProcess, tail } = require('./process');
const { postgresBinDir } = require('./executables');
const { startThrowaway } = require('./throwaway');

const HOST = '127.0.0.1';
const USER = 'contact_upsert';
const DATABASE = 'n8n';
const COMMAND_TIMEOUT_MS = 60000;

/** uid/gid to run the server as: the `postgres` account when root, else this user. */
function serverAccount() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	try {
		const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error(
			'Running as root, but there is no `postgres` account to run PostgreSQL as (apt-get install -y postgresql creates it)',
		);
	}
}

/** Runs one PostgreSQL program to completion; rejects with its output when it fails. */
function runProgram(binDir, name, args, account = {}) {
	return new Promise((resolve, reject) => {
		execFile(
			path.join(binDir, name),
			args,
			{ ...account, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 << 20, encoding: 'utf8' },
			(error, stdout, stderr) => {
				if (error)
					reject(new Error(`${name} failed: ${error.message}\n${tail(stdout)}\n${tail(stderr)}`));
				else resolve(stdout);
			},
		);
	});
}

/** Only the test user, only over loopback TCP or the cluster's own socket folder. */
function hbaConf(user) {
	return [`local all ${user} trust`, `host all ${user} 127.0.0.1/32 trust`, ''].join('\n');
}

/**
 * Starts PostgreSQL; resolves { host, port, user, database, n8nEnv(), query(sql), stop() }.
 * `timeoutMs` bounds each start attempt.
 */
async function startPostgres({ timeoutMs = 60000 } = {}) {
	const binDir = postgresBinDir();
	const account = serverAccount();
	const dir = fs.mkdtempSync('/tmp/contact-upsert-pg-');
	const dataDir = path.join(dir, 'data');
	const { port, server, stop } = await startThrowaway({
		dir,
		portTaken: /already in use/i,
		stopTimeoutMs: 15000,
		async prepare() {
			if (account.uid !== undefined) fs.chownSync(dir, account.uid, account.gid);
			await runProgram(
				binDir,
				'initdb',
				// prettier-ignore
				['-D', dataDir, '-U', USER, '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'],
				account,
			);
			fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), hbaConf(USER));
		},
		launch: (port) =>
			startServerProcess(path.join(binDir, 'postgres'), {
				name: `postgres on ${HOST}:${port}`,
				// A throw-away cluster: durability settings off for speed.
				// prettier-ignore
				args: ['-D', dataDir, '-p', String(port), '-k', dir, '-c', `listen_addresses=${HOST}`,
					'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
				...account,
				// SIGINT: "fast" shutdown (SIGTERM would wait for every client to disconnect).
				stopSignal: 'SIGINT',
				timeoutMs,
				ready: () =>
					runProgram(binDir, 'pg_isready', ['-h', HOST, '-p', String(port), '-U', USER]).then(
						() => true,
					),
			}),
		ready: (port) =>
			runProgram(binDir, 'createdb', ['-h', HOST, '-p', String(port), '-U', USER, DATABASE]),
	});

	return {
		host: HOST,
		port,
		user: USER,
		database: DATABASE,
		output: () => server.output(),
		/** The environment n8n's main and workers need to use this database. */
		n8nEnv: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: HOST,
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_USER: USER,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: DATABASE,
		}),
		/** Runs one SELECT through psql; resolves its rows as plain objects. */
		async query(sql) {
			const wrapped = `select coalesce(json_agg(row_to_json(q)), '[]'::json) from (${sql}) q`;
			// prettier-ignore
			const stdout = await runProgram(binDir, 'psql',
				['-h', HOST, '-p', String(port), '-U', USER, '-d', DATABASE, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', wrapped]);
			return JSON.parse(stdout);
		},
		stop,
	};
}

module.exports = { startPostgres };
