'use strict';
/**
 * Options → Skip Unchanged Contacts in n8n queue mode: n8n main, two workers and PostgreSQL
 * (the node's memory lives in n8n's database, which every worker shares). A webhook workflow
 * upserts one ChatbotX contact per call; the contacts are sent once, then again (in reverse
 * order) with a few of them renamed. The second round must reach the vendor only for the renamed
 * contacts, whichever worker runs each call, and contacts one worker sent must be skipped by the
 * other.
 *
 * The calls are made one after the other (each waits for its execution): two executions of the
 * node starting in the same instant on two workers can lose one's write to n8n's store (see the
 * README, Skip Unchanged Contacts), which would make this count depend on timing.
 */
const { randomUUID } = require('node:crypto');
const { describeMajor } = require('../../scripts/lib/n8n');
const { sleep } = require('../../scripts/lib/processes');
const { node, chatbotxUpsertNode } = require('../../scripts/lib/workflow-nodes');
const { CREDENTIALS } = require('../../scripts/lib/spike/workflows');
const { useSpikeInstance } = require('./lib/spike-fixture');
const { selectedMajors } = require('./lib/versions');

const CONTACTS = 16;
const RENAMED = [3, 8, 13];
const SKIP_TIMEOUT_MS = 15 * 60 * 1000;

function skipUnchangedWorkflow(id) {
	const nodes = [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			[0, 0],
			{ httpMethod: 'POST', path: id, options: {} },
			{ webhookId: randomUUID() },
		),
		chatbotxUpsertNode({
			name: 'Target',
			identifier: '={{ $json.body.identifier }}',
			firstName: '={{ $json.body.firstName }}',
			options: { skipUnchanged: true },
			credential: CREDENTIALS.chatbotx,
		}),
	];
	return {
		id,
		name: 'e2e: Webhook → Contact Upsert (Skip Unchanged Contacts)',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: { Webhook: { main: [[{ node: 'Target', type: 'main', index: 0 }]] } },
	};
}

/** Calls the webhook once per body, each after the previous execution finished; their ids. */
async function callOneByOne(instance, workflow, bodies) {
	const ids = [];
	for (const body of bodies) {
		const known = new Set((await instance.executions(workflow.id)).map(({ id }) => id));
		const response = await fetch(instance.webhookUrl(workflow.id), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		const deadline = Date.now() + 60_000;
		for (;;) {
			const fresh = (await instance.executions(workflow.id)).filter(({ id }) => !known.has(id));
			if (fresh.length === 1 && fresh[0].finished) {
				expect(fresh[0].status).toBe('success');
				ids.push(String(fresh[0].id));
				break;
			}
			if (Date.now() > deadline) throw new Error(`no finished execution for ${body.identifier}`);
			await sleep(250);
		}
	}
	return ids;
}

const contacts = (major, renamed = []) =>
	Array.from({ length: CONTACTS }, (_, i) => ({
		identifier: `email:skip-${major}-${i}@example.com`,
		firstName: renamed.includes(i) ? `Renamed ${i}` : `Contact ${i}`,
	}));

describe.each(selectedMajors().map((major) => [describeMajor(major), major]))(
	'%s, queue mode with 2 workers: Skip Unchanged Contacts',
	(label, major) => {
		const workflow = skipUnchangedWorkflow(`skipQueue${major}00000`.slice(0, 16));
		const { sandbox, instance } = useSpikeInstance({
			mode: 'queue',
			major,
			label,
			workflows: [workflow],
			workers: 2,
			concurrency: 10,
		});

		test(
			'the second round sends only the renamed contacts; a contact one worker sent, the other skips',
			async () => {
				const n8n = instance();
				const workerOf = (id) =>
					n8n.workers.findIndex((worker) => worker.startedExecutions().map(String).includes(id));
				sandbox.reset();
				const sentBy = (await callOneByOne(n8n, workflow, contacts(major))).map(workerOf);
				expect(sandbox.requests({ vendor: 'chatbotx' })).toHaveLength(CONTACTS);

				sandbox.reset();
				const second = contacts(major, RENAMED);
				// In reverse order, so that a worker taking every other call meets the other's contacts.
				const reversed = await callOneByOne(n8n, workflow, [...second].reverse());
				const checkedBy = reversed.map(workerOf).reverse();
				const sent = sandbox.requests({ vendor: 'chatbotx' }).map((request) => ({
					identifier: decodeURIComponent(/\/contacts\/([^/]+)\/upsert$/.exec(request.path)[1]),
					firstName: request.body.firstName,
				}));
				expect(sent).toEqual(RENAMED.map((i) => second[i]).reverse());

				// Every execution was run by one of the two workers, both took part, and some
				// unchanged contacts were skipped by the worker that had not sent them.
				expect([...sentBy, ...checkedBy].filter((worker) => worker < 0)).toEqual([]);
				const unchanged = second.map((_, i) => i).filter((i) => !RENAMED.includes(i));
				const crossed = unchanged.filter((i) => sentBy[i] !== checkedBy[i]);
				process.stderr.write(
					`[e2e] ${label}: queue-mode Skip Unchanged Contacts: ${crossed.length} of ${unchanged.length} unchanged contacts skipped by the other worker\n`,
				);
				expect(new Set([...sentBy, ...checkedBy]).size).toBe(2);
				expect(crossed.length).toBeGreaterThan(0);
			},
			SKIP_TIMEOUT_MS,
		);
	},
);
