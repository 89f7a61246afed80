'use strict';
/**
 * n8n's execution records, read straight from its database: the SQLite file in the user folder
 * (regular mode) or the PostgreSQL of queue mode. Read through the database drivers n8n itself
 * ships (sqlite3, pg), run by the Node that runs that n8n: no API key, no extra dependency.
 *
 *   await listExecutions('v1', userFolder, { workflowId: 'spikeWorkflow001', env: db.n8nEnv() })
 *   // [{ id: '12', status: 'success', finished: true, mode: 'webhook' }, …]
 */

const path = require('node:path');
const { run, assertOk } = require('../processes');
const { installDir, nodeBinary } = require('./versions');

// Runs inside the n8n install folder; argv: workflow id. DB_* as in n8n's own environment.
const READER = `
const paths = [require.resolve('n8n')];
const workflowId = process.argv[1];
const sql = 'SELECT id, status, finished, mode FROM execution_entity WHERE "workflowId" = ';
const done = (rows) => process.stdout.write(JSON.stringify(rows.map((row) => ({
	id: String(row.id), status: row.status, finished: Boolean(row.finished), mode: row.mode,
}))));
const fail = (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); };
if (process.env.DB_TYPE === 'postgresdb') {
	const { Client } = require(require.resolve('pg', { paths }));
	const client = new Client({
		host: process.env.DB_POSTGRESDB_HOST, port: Number(process.env.DB_POSTGRESDB_PORT),
		user: process.env.DB_POSTGRESDB_USER, password: process.env.DB_POSTGRESDB_PASSWORD,
		database: process.env.DB_POSTGRESDB_DATABASE,
	});
	client.connect()
		.then(() => client.query(sql + '$1 ORDER BY id', [workflowId]))
		.then((result) => client.end().then(() => done(result.rows)))
		.catch(fail);
} else {
	const sqlite3 = require(require.resolve('sqlite3', { paths }));
	const db = new sqlite3.Database(process.env.DB_SQLITE_FILE, sqlite3.OPEN_READONLY, (error) => {
		if (error) return fail(error);
		db.configure('busyTimeout', 10000);
		db.all(sql + '? ORDER BY id', [workflowId], (queryError, rows) =>
			db.close(() => (queryError ? fail(queryError) : done(rows))));
	});
}
`;

/**
 * The executions of one workflow, oldest first: [{ id, status, finished, mode }].
 * `env`: the DB_* settings n8n runs with (none: the SQLite database of `userFolder`).
 */
async function listExecutions(major, userFolder, { workflowId, env = {} }) {
	const dbEnv = { ...env };
	if (dbEnv.DB_TYPE !== 'postgresdb') {
		dbEnv.DB_SQLITE_FILE = path.join(path.resolve(userFolder), '.n8n', 'database.sqlite');
	}
	const result = assertOk(
		await run(nodeBinary(major), ['-e', READER, workflowId], {
			cwd: installDir(major),
			env: { PATH: process.env.PATH, ...dbEnv },
			timeoutMs: 60000,
		}),
		'reading n8n executions',
	);
	return JSON.parse(result.stdout);
}

module.exports = { listExecutions };
