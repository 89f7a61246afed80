'use strict';
/**
 * The transport floor of this machine, without n8n: Node's own http.request sends the same
 * ChatbotX upserts the benchmark's n8n nodes send (same items, same requests in flight) and
 * prints one JSON line with the wall time. Run as a child process by the benchmark, so its work
 * never shares a thread with the sandbox.
 *
 *   node raw-client.js '{"baseUrl":…,"token":…,"items":2000,"concurrency":10,"keepAlive":false}'
 *
 * keepAlive false opens a new connection per request, as n8n's HTTP helper does; true reuses
 * connections, which n8n does not offer to nodes.
 */

const http = require('node:http');

const { baseUrl, token, items, concurrency, keepAlive } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive, maxSockets: concurrency });

function upsert(itemIndex) {
	const identifier = encodeURIComponent(`email:user${itemIndex}@example.com`);
	const body = JSON.stringify({ firstName: `User ${itemIndex}` });
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${baseUrl}/v1/contacts/${identifier}/upsert`,
			{
				method: 'POST',
				agent,
				headers: {
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
				},
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					JSON.parse(Buffer.concat(chunks).toString('utf8'));
					resolve(response.statusCode);
				});
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

async function main() {
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	let next = 0;
	let failed = 0;
	const worker = async () => {
		while (next < items) {
			const status = await upsert(next++);
			if (status < 200 || status >= 300) failed++;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items) }, worker));
	const ms = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	agent.destroy();
	process.stdout.write(
		`${JSON.stringify({ ms, items, failed, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
