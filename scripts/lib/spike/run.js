'use strict';
/**
 * One spike (many webhook calls, one contact each) or one batch (one call, many contacts) against
 * a running n8n (./instance.js) and the vendor sandbox's ChatbotX under a rate limit, and what
 * came of it:
 *
 *   calls       the webhook calls: { sent, answered, failed, statuses, ms }
 *   executions  the workflow's executions this run made: { total, byStatus, ids }
 *   contacts    { expected, stored, lost: [identifiers], duplicates: [identifiers stored by more
 *               than one successful request], unexpected: [identifiers nobody sent] }
 *   requests    what ChatbotX received: { total, byStatus, share429, share429AfterFirstWindow,
 *               firstWindow429 (429 answers in the limit's first window) }
 *   wallMs      first webhook call → last vendor answer; floorMs: the limit's floor
 *   workers     queue mode: executions of this run each worker started, e.g. [104, 96]
 *   unattributed / doubleStarted   queue mode: executions no worker / several workers started
 *
 * Figures, not verdicts: the e2e suite asserts on them, the benchmark prints them.
 */

const { sendSpike } = require('./client');
const { spikeContacts } = require('./workflows');
const { sleep } = require('../processes');
const { logger } = require('../log');

const VENDOR = 'chatbotx';
const UPSERT_PATH = /\/v1\/contacts\/([^/]+)\/upsert$/;
// Execution states that are still going to change.
const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);
const POLL_MS = 2000;
// Executions unfinished, their states unchanged and no vendor request for this long: nothing is
// going to happen any more (a rate-limit pause lasts a window, 10 s here), so stop waiting.
const STALL_MS = 2 * 60 * 1000;

/** The time `count` requests need at `limit` per `windowMs` (the window opens with the first). */
function floorMs(count, { limit, windowMs }) {
	return (Math.ceil(count / limit) - 1) * windowMs;
}

/** The ChatbotX identifier an upsert request was for (its path, URL-decoded). */
function identifierOf(entry) {
	const match = UPSERT_PATH.exec(entry.path.split('?')[0]);
	return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Share of 429 answers among the requests that arrived after the first window of the limit (the
 * window opens with the first request): how well the sender kept to the pace it learned.
 */
function share429After(requests, windowMs) {
	if (requests.length === 0) return 0;
	const opened = Math.min(...requests.map((entry) => Date.parse(entry.time)));
	const later = requests.filter((entry) => Date.parse(entry.time) >= opened + windowMs);
	if (later.length === 0) return 0;
	return later.filter((entry) => entry.status === 429).length / later.length;
}

/**
 * 429 answers to the requests that arrived in the first window of the limit: what the sender
 * sent before it knew the vendor's limit (slow start keeps this near one limit's worth).
 */
function count429In(requests, windowMs) {
	if (requests.length === 0) return 0;
	const opened = Math.min(...requests.map((entry) => Date.parse(entry.time)));
	return requests.filter(
		(entry) => entry.status === 429 && Date.parse(entry.time) < opened + windowMs,
	).length;
}

/** What the sandbox saw and stored, against the identifiers that were sent. */
function vendorOutcome(sandbox, expected, { windowMs }) {
	const requests = sandbox.requests({ vendor: VENDOR });
	const byStatus = {};
	const successes = new Map();
	for (const entry of requests) {
		byStatus[entry.status] = (byStatus[entry.status] || 0) + 1;
		const identifier = identifierOf(entry);
		// A replayed answer (same Idempotency-Key) did not write the contact again.
		if (identifier && entry.status >= 200 && entry.status < 300 && !entry.replayed) {
			successes.set(identifier, (successes.get(identifier) || 0) + 1);
		}
	}
	const storedEmails = sandbox.contacts(VENDOR).map((contact) => `email:${contact.email}`);
	const stored = new Set(storedEmails);
	const wanted = new Set(expected);
	const lastAnswer = requests.reduce(
		(latest, entry) => Math.max(latest, Date.parse(entry.time) + (entry.durationMs || 0)),
		0,
	);
	return {
		contacts: {
			expected: expected.length,
			stored: expected.filter((identifier) => stored.has(identifier)).length,
			lost: expected.filter((identifier) => !stored.has(identifier)),
			duplicates: [
				...storedEmails.filter((identifier, i) => storedEmails.indexOf(identifier) !== i),
				...[...successes].filter(([, count]) => count > 1).map(([identifier]) => identifier),
			],
			unexpected: [...stored].filter((identifier) => !wanted.has(identifier)),
		},
		requests: {
			total: requests.length,
			byStatus,
			share429: requests.length ? (byStatus[429] || 0) / requests.length : 0,
			share429AfterFirstWindow: share429After(requests, windowMs),
			firstWindow429: count429In(requests, windowMs),
		},
		lastAnswer,
	};
}

/** When the vendor last received a request (epoch ms), 0 before the first. */
function lastVendorRequest(sandbox) {
	const requests = sandbox.requests({ vendor: VENDOR });
	return requests.length ? Date.parse(requests[requests.length - 1].time) : 0;
}

/**
 * Polls the workflow's executions until `count` new ones exist and none is unfinished; bounded
 * by `deadline` (epoch ms) and by a stall (see STALL_MS), after which it returns what it has.
 */
async function settledExecutions(instance, sandbox, workflowId, { before, count, deadline, log }) {
	let fresh = [];
	let lastNote = 0;
	let lastState = '';
	let lastChange = Date.now();
	for (;;) {
		const all = await instance.executions(workflowId);
		fresh = all.filter((execution) => !before.has(execution.id));
		const open = fresh.filter((execution) => UNFINISHED.has(execution.status)).length;
		if (fresh.length >= count && open === 0) return { executions: fresh, settled: true };
		const state = fresh.map((execution) => execution.status).join();
		if (state !== lastState) {
			lastState = state;
			lastChange = Date.now();
		}
		const quietSince = Math.max(lastChange, lastVendorRequest(sandbox));
		if (Date.now() > deadline || Date.now() - quietSince > STALL_MS) {
			return { executions: fresh, settled: false };
		}
		if (Date.now() - lastNote > 30000) {
			lastNote = Date.now();
			log(`${fresh.length}/${count} executions, ${open} unfinished`);
		}
		await sleep(POLL_MS);
	}
}

/**
 * Options: instance, sandbox, workflow (from ./workflows.js), path (its webhook path),
 * bodies (one per call), expected (the identifiers that must end up stored), executions (how
 * many this run makes), rateLimit ({ limit, windowMs }), settleMs (how long after the calls to
 * wait for the executions at most), label (for progress lines).
 */
async function runWebhookLoad(options) {
	const { instance, sandbox, workflow, expected, rateLimit } = options;
	const log = logger(options.label || 'spike');
	sandbox.reset();
	sandbox.configure({ [VENDOR]: { rateLimit } });
	const before = new Set((await instance.executions(workflow.id)).map((execution) => execution.id));
	const workersBefore = instance.workers.map((worker) => new Set(worker.startedExecutions()));

	const started = Date.now();
	const calls = await sendSpike({
		url: instance.webhookUrl(options.path),
		bodies: options.bodies,
		requestTimeoutMs: 120000,
		deadlineMs: 180000,
	});
	log(
		`${calls.answered}/${calls.sent} webhook calls answered in ${(calls.ms / 1000).toFixed(1)} s`,
	);
	const { executions, settled } = await settledExecutions(instance, sandbox, workflow.id, {
		before,
		count: options.executions,
		deadline: Date.now() + options.settleMs,
		log,
	});
	const vendor = vendorOutcome(sandbox, expected, rateLimit);

	const ids = executions.map((execution) => execution.id);
	const byStatus = {};
	for (const execution of executions)
		byStatus[execution.status] = (byStatus[execution.status] || 0) + 1;
	const startedBy = instance.workers.map((worker, i) =>
		worker.startedExecutions().filter((id) => !workersBefore[i].has(id)),
	);
	const attributed = startedBy.flat();
	return {
		mode: instance.mode,
		calls,
		executions: { total: executions.length, byStatus, ids, settled },
		contacts: vendor.contacts,
		requests: vendor.requests,
		wallMs: vendor.lastAnswer ? vendor.lastAnswer - started : null,
		floorMs: floorMs(expected.length, rateLimit),
		workers: startedBy.map((list) => list.length),
		unattributed: instance.mode === 'queue' ? ids.filter((id) => !attributed.includes(id)) : [],
		doubleStarted: attributed.filter((id, i) => attributed.indexOf(id) !== i),
	};
}

/** `contacts` simultaneous webhook calls of `workflow`, one contact each. */
function runSpike({ contacts, ...options }) {
	return runWebhookLoad({
		...options,
		bodies: contacts,
		expected: contacts.map((contact) => contact.identifier),
		executions: contacts.length,
	});
}

/** One webhook call whose execution upserts `count` contacts (`prefix`-0 … made by a Code node). */
function runBatch({ prefix, count, ...options }) {
	return runWebhookLoad({
		...options,
		bodies: [{ prefix, count }],
		// the Code node of the batch workflow makes the same contacts
		expected: spikeContacts(prefix, count).map((contact) => contact.identifier),
		executions: 1,
	});
}

module.exports = { runSpike, runBatch, floorMs, vendorOutcome };
