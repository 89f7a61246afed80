'use strict';
/**
 * Vendor faults through real workflows: rate limits (with and without Retry-After), gateway
 * errors with HTML pages, connection resets, hangs past Options → Timeout, truncated JSON, a
 * refused key, Hypersender's queued answers and a bulk run against ChatbotX's rate limit.
 *
 * Every Contact Upsert here runs with "Continue (using error output)", so every item shows up on
 * one of the two outputs. Each scenario is checked on both sides: what the node output (one item
 * per input item, none lost or doubled, see lib/branched-workflow.js) and what the sandbox saw
 * (attempts per item, in order) and stored (exactly the successes).
 *
 * To keep n8n start-ups down, scenarios share a workflow, one branch each (its own Contact Upsert
 * node and options). Branches share the sandbox, so each fault is scoped to one vendor, or, on
 * ChatbotX, to a path fragment only one scenario's identifiers contain (the identifier is a path
 * segment there). The workflow runs once in `beforeAll`; the tests read a snapshot of the run and
 * the sandbox, taken before the suite's per-test reset.
 */
const { CREDENTIALS } = require('../lib/credentials');
const { branchedWorkflow, branchOutcome, range } = require('../lib/branched-workflow');
const { PHONE_UPSERTS } = require('../lib/phone-upserts');
const SEED = require('../lib/seed');
const { logger, seconds } = require('../../../scripts/lib/log');

const progress = logger('e2e');

const CHATBOTX_UPSERT_PATH = /\/v1\/contacts\/([^/]+)\/upsert$/;

/** The identifier ChatbotX got, decoded from the request path. */
const chatbotxIdentifier = (entry) =>
	decodeURIComponent(CHATBOTX_UPSERT_PATH.exec(entry.path.split('?')[0])[1]);

/** One attempt as the sandbox saw it: its status, or the fault that answered (or did not). */
function attemptLabel(entry) {
	if (!entry.fault) return entry.status;
	return entry.status === null ? entry.fault : `${entry.fault} → ${entry.status}`;
}

/** `{ key: [entries…] }` of a vendor's requests, oldest first, grouped by `keyOf(entry)`. */
function attemptsBy(log, vendor, keyOf) {
	const grouped = {};
	for (const entry of log.filter((e) => e.vendor === vendor)) {
		const key = keyOf(entry);
		(grouped[key] ||= []).push(entry);
	}
	return grouped;
}

/** `{ key: [attemptLabel…] }`: the whole story of each item in one comparable value. */
function attemptTrace(log, vendor, keyOf) {
	return Object.fromEntries(
		Object.entries(attemptsBy(log, vendor, keyOf)).map(([key, entries]) => [
			key,
			entries.map(attemptLabel),
		]),
	);
}

/** Milliseconds between two log entries' arrival at the sandbox. */
const gapMs = (earlier, later) => Date.parse(later.time) - Date.parse(earlier.time);

const byField = (contacts, field) =>
	Object.fromEntries(contacts.map((contact) => [contact[field], contact]));

/** A ChatbotX item: an e-mail identifier, which is also the request path segment faults match. */
const chatbotxItem = (tag, name) => ({ identifier: `email:${tag}@example.com`, name });
const emailOf = (item) => item.identifier.slice('email:'.length);

const CHATBOTX_PARAMETERS = {
	provider: 'chatbotx',
	identifier: '={{ $json.identifier }}',
	additionalFields: { firstName: '={{ $json.name }}' },
};

/** What Contact Upsert outputs for a ChatbotX item that succeeded (Simplify on). */
const chatbotxSuccess = (item, stored) => ({
	provider: 'chatbotx',
	contactId: stored[emailOf(item)].id,
	name: item.name,
	email: emailOf(item),
	phoneNumber: null,
});

/** A branch of ChatbotX items (see CHATBOTX_PARAMETERS) with its own Options. */
const chatbotxBranch = (scenario, options = {}) => ({
	key: scenario.key,
	credential: CREDENTIALS.chatbotx,
	items: scenario.items,
	parameters: { ...CHATBOTX_PARAMETERS, options },
});

/** A branch of `name`/`phone` items sent to `provider` as every phone case sends them. */
const phoneBranch = (scenario, provider, credential = CREDENTIALS[provider]) => ({
	key: scenario.key,
	credential,
	items: scenario.items,
	parameters: { provider, ...PHONE_UPSERTS[provider].parameters },
});

/** The branch's outputs, once none of its items is on the error output. */
function recovered(snapshot, scenario) {
	const { run, log, contacts } = snapshot();
	const { succeeded, failed } = branchOutcome(run, scenario.key, scenario.items.length);
	expect(failed).toEqual([]);
	return { succeeded, log, contacts };
}

/** Each ChatbotX item output as a success with the contact ID the sandbox stored for it. */
function expectChatbotxSuccesses(succeeded, items, contacts) {
	const stored = byField(contacts.chatbotx, 'email');
	expect(succeeded).toEqual(items.map((item) => chatbotxSuccess(item, stored)));
}

/**
 * Registers `workflow` and returns a `snapshot()` reader filled by a `beforeAll` that resets the
 * sandbox, applies `config`, runs the workflow once and keeps the run, the request log and the
 * stores (the suite resets the sandbox before every test).
 */
function runOnce(n8n, sandbox, workflow, config) {
	n8n.workflow(workflow);
	let snapshot = null;
	beforeAll(async () => {
		sandbox.reset();
		sandbox.configure(config);
		const started = Date.now();
		const run = await n8n.execute(workflow);
		snapshot = { run, log: sandbox.requests(), contacts: sandbox.contacts() };
		progress(`${n8n.label}: "${workflow.name}" ran in ${seconds(Date.now() - started)}`);
	});
	return () => {
		if (!snapshot) throw new Error(`"${workflow.name}" did not run (see the beforeAll failure)`);
		return snapshot;
	};
}

/* -------------------------------------------------------------------------------------------- */
/* Faults the node recovers from: every item succeeds, and the vendor applied it exactly once.   */

const RAMPWIN_PHONES = ['+56961234510', '+56961234511', '+56961234512', '+56961234513'];
const RECOVER = {
	rampwin429: {
		key: 'Rampwin 429 with Retry-After',
		items: RAMPWIN_PHONES.map((phone, i) => ({
			name: `Rampwin ${i}`,
			phone: `+56 9 ${phone.slice(4, 8)} ${phone.slice(8)}`,
		})),
		limited: 3, // the first 3 requests get the 429
	},
	chatbotx429: {
		key: 'ChatbotX 429, wait in the body',
		items: [
			chatbotxItem('retry-429-a', 'Ana'),
			chatbotxItem('retry-429-b', 'Bruno'),
			chatbotxItem('ok-limit', 'Carla'),
		],
	},
	gateway: {
		key: 'ChatbotX 502/503/504 once',
		items: [
			chatbotxItem('retry-502', 'Diego'),
			chatbotxItem('ok-gateway', 'Elena'),
			chatbotxItem('retry-503', 'Felipe'),
			chatbotxItem('retry-504', 'Gabriela'),
		],
	},
	reset: {
		key: 'ChatbotX connection reset once',
		items: [chatbotxItem('retry-reset', 'Hugo'), chatbotxItem('ok-socket', 'Irene')],
	},
	hang: {
		key: 'ChatbotX hang once, timeout 1500 ms, 1 retry',
		items: [chatbotxItem('retry-hang', 'Javier'), chatbotxItem('ok-slow', 'Karen')],
	},
	queued: {
		key: 'Hypersender queued',
		items: [
			{ name: 'Luis', phone: '+56 9 6123 4520' },
			{ name: 'Marta', phone: '+56 9 6123 4521' },
		],
	},
};

const RECOVER_CONFIG = {
	rampwin: {
		faults: [{ type: 'status429', retryAfter: 1, count: RECOVER.rampwin429.limited }],
	},
	chatbotx: {
		faults: [
			// No Retry-After header: ChatbotX says "Too many requests. Retry after 1s." in the body.
			{ type: 'status429', path: 'retry-429-', count: 2 },
			{ type: 'status5xx', status: 502, path: 'retry-502', count: 1 },
			{ type: 'status5xx', status: 503, path: 'retry-503', count: 1 },
			{ type: 'status5xx', status: 504, path: 'retry-504', count: 1 },
			{ type: 'reset', path: 'retry-reset', count: 1 },
			{ type: 'hang', path: 'retry-hang', count: 1 },
		],
	},
	hypersender: { queued: true },
};

function recoverWorkflow() {
	return branchedWorkflow({
		name: 'faults the node recovers from',
		branches: [
			phoneBranch(RECOVER.rampwin429, 'rampwin'),
			chatbotxBranch(RECOVER.chatbotx429),
			chatbotxBranch(RECOVER.gateway),
			chatbotxBranch(RECOVER.reset),
			chatbotxBranch(RECOVER.hang, { timeout: 1500, maxRetries: 1 }),
			phoneBranch(RECOVER.queued, 'hypersender'),
		],
	});
}

/* -------------------------------------------------------------------------------------------- */
/* Faults that end in an error item: past Max Retries, or not worth retrying.                    */

const FAIL = {
	gateway: {
		key: 'ChatbotX 502/503/504 beyond 1 retry',
		items: [
			chatbotxItem('fail-502', 'Nora'),
			chatbotxItem('fail-503', 'Oscar'),
			chatbotxItem('ok-gateway-down', 'Paula'),
			chatbotxItem('fail-504', 'Quique'),
		],
	},
	reset: {
		key: 'ChatbotX reset beyond 1 retry',
		items: [chatbotxItem('ok-socket-down', 'Rosa'), chatbotxItem('fail-reset', 'Sergio')],
	},
	hang: {
		key: 'ChatbotX hang, timeout 1500 ms, no retry',
		items: [chatbotxItem('fail-hang', 'Tomás'), chatbotxItem('ok-no-wait', 'Úrsula')],
	},
	truncated: {
		key: 'ChatbotX 200 with truncated JSON',
		items: [chatbotxItem('fail-json', 'Vera'), chatbotxItem('ok-json', 'Walter')],
	},
	unauthorized: {
		key: 'Vambe 401',
		items: [
			{ name: 'Ximena', phone: '+56 9 6123 4530' },
			{ name: 'Yolanda', phone: '+56 9 6123 4531' },
			{ name: 'Zoe', phone: '+56 9 6123 4532' },
		],
	},
};

const FAIL_CONFIG = {
	chatbotx: {
		faults: [
			// 502 exactly as often as the two attempts Max Retries 1 allows; 503/504 for good.
			{ type: 'status5xx', status: 502, path: 'fail-502', count: 2 },
			{ type: 'status5xx', status: 503, path: 'fail-503', rate: 1 },
			{ type: 'status5xx', status: 504, path: 'fail-504', rate: 1 },
			{ type: 'reset', path: 'fail-reset', rate: 1 },
			{ type: 'hang', path: 'fail-hang', rate: 1 },
			// Every attempt would be truncated too: a retry would show up as a second request.
			{ type: 'malformedJson', path: 'fail-json', rate: 1 },
		],
	},
};

function failWorkflow() {
	return branchedWorkflow({
		name: 'faults that end in error items',
		branches: [
			chatbotxBranch(FAIL.gateway, { maxRetries: 1 }),
			chatbotxBranch(FAIL.reset, { maxRetries: 1 }),
			chatbotxBranch(FAIL.hang, { timeout: 1500, maxRetries: 0 }),
			chatbotxBranch(FAIL.truncated),
			phoneBranch(FAIL.unauthorized, 'vambe', CREDENTIALS.vambeWrongKey),
		],
	});
}

/* -------------------------------------------------------------------------------------------- */
/* A bulk run against ChatbotX's real limit.                                                     */

const BULK_COUNT = 250;
const BULK_LIMIT = { limit: 120, windowMs: 10_000 };
const BULK_CONCURRENCY = 10;
const BULK = {
	key: `ChatbotX ${BULK_COUNT} items, ${BULK_LIMIT.limit} per ${BULK_LIMIT.windowMs / 1000} s`,
	items: range(BULK_COUNT).map((i) =>
		chatbotxItem(`bulk-${String(i).padStart(3, '0')}`, `Bulk ${i}`),
	),
};

function bulkWorkflow() {
	return branchedWorkflow({
		name: 'ChatbotX bulk run against its rate limit',
		// Default Max Retries and Timeout.
		branches: [chatbotxBranch(BULK, { concurrency: BULK_CONCURRENCY })],
	});
}

/* -------------------------------------------------------------------------------------------- */

function faultCases(n8n, sandbox) {
	describe('faults the node recovers from (one workflow)', () => {
		const snapshot = runOnce(n8n, sandbox, recoverWorkflow(), RECOVER_CONFIG);

		test('429 with Retry-After (Rampwin): the limited requests wait the asked second, then every item succeeds once', () => {
			const { succeeded, log, contacts } = recovered(snapshot, RECOVER.rampwin429);
			const { items, limited } = RECOVER.rampwin429;

			const rampwin = log.filter((entry) => entry.vendor === 'rampwin');
			// The first `limited` requests got the 429, everything after it was a success.
			expect(rampwin.map(attemptLabel)).toEqual([
				...Array(limited).fill('status429 → 429'),
				...Array(items.length).fill(200),
			]);
			// One success per item, and a second attempt only for the items that were limited.
			const attempts = attemptsBy(log, 'rampwin', (entry) => entry.body.phone_number);
			expect(Object.keys(attempts).sort()).toEqual([...RAMPWIN_PHONES].sort());
			const retried = Object.values(attempts).filter((entries) => entries.length === 2);
			expect(retried).toHaveLength(limited);
			for (const entries of Object.values(attempts)) {
				expect(entries.map(attemptLabel).slice(-1)).toEqual([200]);
				// Retry-After: 1 was honoured (the node's own first backoff is 250–500 ms).
				if (entries.length === 2) expect(gapMs(entries[0], entries[1])).toBeGreaterThanOrEqual(950);
			}

			const stored = byField(contacts.rampwin, 'phone_number');
			expect(Object.keys(stored).sort()).toEqual([...RAMPWIN_PHONES].sort());
			expect(succeeded).toEqual(
				items.map((item, i) => ({
					provider: 'rampwin',
					contactId: stored[RAMPWIN_PHONES[i]]._id,
					name: item.name,
					email: null,
					phoneNumber: RAMPWIN_PHONES[i],
				})),
			);
		});

		test('429 without Retry-After (ChatbotX): the wait in the body is honoured, the same Idempotency-Key is sent again', () => {
			const { succeeded, log, contacts } = recovered(snapshot, RECOVER.chatbotx429);
			const { items } = RECOVER.chatbotx429;

			const scenario = new Set(items.map((item) => item.identifier));
			const mine = (entry) =>
				entry.vendor === 'chatbotx' && scenario.has(chatbotxIdentifier(entry));
			const attempts = attemptsBy(log.filter(mine), 'chatbotx', chatbotxIdentifier);
			expect(
				Object.fromEntries(
					Object.entries(attempts).map(([id, list]) => [id, list.map(attemptLabel)]),
				),
			).toEqual({
				'email:retry-429-a@example.com': ['status429 → 429', 200],
				'email:retry-429-b@example.com': ['status429 → 429', 200],
				'email:ok-limit@example.com': [200],
			});
			for (const id of ['email:retry-429-a@example.com', 'email:retry-429-b@example.com']) {
				const [limited, accepted] = attempts[id];
				// "Retry after 1s." (the node's own first backoff is 250–500 ms)
				expect(gapMs(limited, accepted)).toBeGreaterThanOrEqual(950);
				expect(accepted.headers['idempotency-key']).toBe(limited.headers['idempotency-key']);
				expect(accepted.replayed).toBeUndefined();
			}
			expectChatbotxSuccesses(succeeded, items, contacts);
		});

		test.each([
			{
				title: '502/503/504 with an HTML page: retried once',
				scenario: RECOVER.gateway,
				trace: {
					'email:retry-502@example.com': ['status5xx → 502', 200],
					'email:retry-503@example.com': ['status5xx → 503', 200],
					'email:retry-504@example.com': ['status5xx → 504', 200],
					'email:ok-gateway@example.com': [200],
				},
			},
			{
				title: 'a connection reset: retried',
				scenario: RECOVER.reset,
				trace: {
					'email:retry-reset@example.com': ['reset', 200],
					'email:ok-socket@example.com': [200],
				},
			},
		])('$title, then each item succeeds once', ({ scenario, trace }) => {
			const { succeeded, log, contacts } = recovered(snapshot, scenario);
			expect(attemptTrace(log, 'chatbotx', chatbotxIdentifier)).toMatchObject(trace);
			expectChatbotxSuccesses(succeeded, scenario.items, contacts);
		});

		test('a hang past Options → Timeout (1500 ms): given up after the timeout, the second attempt succeeds', () => {
			const { succeeded, log, contacts } = recovered(snapshot, RECOVER.hang);

			const attempts = attemptsBy(log, 'chatbotx', chatbotxIdentifier);
			const hung = attempts['email:retry-hang@example.com'];
			expect(hung.map(attemptLabel)).toEqual(['hang', 200]);
			// The node waited for its timeout, not for the default 30 s, before trying again.
			const waited = gapMs(hung[0], hung[1]);
			expect(waited).toBeGreaterThanOrEqual(1450);
			expect(waited).toBeLessThan(10_000);
			expect(attempts['email:ok-slow@example.com'].map(attemptLabel)).toEqual([200]);
			expectChatbotxSuccesses(succeeded, RECOVER.hang.items, contacts);
		});

		test('every ChatbotX identifier of the run was applied exactly once, none replayed', () => {
			const { log, contacts } = snapshot();
			const identifiers = [
				RECOVER.chatbotx429,
				RECOVER.gateway,
				RECOVER.reset,
				RECOVER.hang,
			].flatMap(({ items }) => items.map((item) => item.identifier));
			const chatbotx = log.filter((entry) => entry.vendor === 'chatbotx');
			const applied = chatbotx.filter((entry) => entry.status === 200 && !entry.fault);
			expect(applied.map(chatbotxIdentifier).sort()).toEqual([...identifiers].sort());
			expect(chatbotx.filter((entry) => entry.replayed)).toEqual([]);
			expect(contacts.chatbotx.map((contact) => `email:${contact.email}`).sort()).toEqual(
				[...identifiers].sort(),
			);
		});

		test('Hypersender queued mode: the output says queued, with the queued request id and link', () => {
			const { succeeded, log, contacts } = recovered(snapshot, RECOVER.queued);

			const chatIds = ['56961234520', '56961234521'];
			const requests = log.filter((entry) => entry.vendor === 'hypersender');
			expect(requests.map(attemptLabel)).toEqual([202, 202]);
			const uuidOf = Object.fromEntries(
				requests.map((entry) => [entry.body.chat_id, entry.queuedRequestUuid]),
			);
			expect(Object.keys(uuidOf).sort()).toEqual(chatIds);
			const { instanceId } = SEED.hypersender;
			expect(succeeded).toEqual(
				chatIds.map((chatId) => ({
					provider: 'hypersender',
					contactId: chatId,
					name: null,
					email: null,
					phoneNumber: null,
					queued: true,
					queuedRequestId: uuidOf[chatId],
					queuedRequestLink: `${sandbox.url}/hypersender/api/whatsapp/v2/${instanceId}/queued-requests/${uuidOf[chatId]}`,
				})),
			);
			expect(new Set(Object.values(uuidOf)).size).toBe(2);
			// The sandbox processes queued requests at once: both contacts exist.
			expect(contacts.hypersender.map((contact) => contact.chat_id).sort()).toEqual(chatIds);
		});
	});

	describe('faults that end in error items (one workflow)', () => {
		const snapshot = runOnce(n8n, sandbox, failWorkflow(), FAIL_CONFIG);

		test('502/503/504 with an HTML page beyond Max Retries 1: error items naming the status and the page title', () => {
			const { run, log, contacts } = snapshot();
			const { items } = FAIL.gateway;
			const { succeeded, failedIndexes, outcome } = branchOutcome(
				run,
				FAIL.gateway.key,
				items.length,
			);
			expect(failedIndexes).toEqual([0, 1, 3]);
			const gatewayError = (item, status, title) => ({
				...item,
				error: `ChatbotX answered ${status} after 2 attempts: ${title}`,
				message: expect.any(String),
			});
			expect(outcome[0].json).toEqual(gatewayError(items[0], 502, '502 Bad Gateway'));
			expect(outcome[1].json).toEqual(
				gatewayError(items[1], 503, '503 Service Temporarily Unavailable'),
			);
			expect(outcome[3].json).toEqual(gatewayError(items[3], 504, '504 Gateway Time-out'));
			for (const index of failedIndexes) {
				expect(outcome[index].json.error).not.toMatch(/<\/?[a-z]/i);
				expect(outcome[index].json.message).not.toMatch(/<\/?[a-z]/i);
			}

			const trace = attemptTrace(log, 'chatbotx', chatbotxIdentifier);
			expect(trace['email:fail-502@example.com']).toEqual(['status5xx → 502', 'status5xx → 502']);
			expect(trace['email:fail-503@example.com']).toEqual(['status5xx → 503', 'status5xx → 503']);
			expect(trace['email:fail-504@example.com']).toEqual(['status5xx → 504', 'status5xx → 504']);
			expect(trace['email:ok-gateway-down@example.com']).toEqual([200]);
			expect(succeeded).toEqual([chatbotxSuccess(items[2], byField(contacts.chatbotx, 'email'))]);
		});

		test.each([
			{
				title:
					'a reset on every attempt with Max Retries 1: "the connection was reset (2 attempts)"',
				scenario: FAIL.reset,
				failedIndex: 1,
				error: 'Could not reach ChatbotX: the connection was reset (2 attempts)',
				message: expect.any(String),
				trace: {
					'email:fail-reset@example.com': ['reset', 'reset'],
					'email:ok-socket-down@example.com': [200],
				},
			},
			{
				title:
					'a hang past Options → Timeout with Max Retries 0: "no answer came in time", one attempt',
				scenario: FAIL.hang,
				failedIndex: 0,
				error: 'Could not reach ChatbotX: no answer came in time',
				message: expect.stringContaining('1500 ms'),
				trace: {
					'email:fail-hang@example.com': ['hang'],
					'email:ok-no-wait@example.com': [200],
				},
			},
			{
				title: '200 with a truncated JSON body: an error item, not retried',
				scenario: FAIL.truncated,
				failedIndex: 0,
				error: expect.stringContaining('ChatbotX answered 200 but its response is not JSON'),
				message: expect.any(String),
				trace: {
					'email:fail-json@example.com': ['malformedJson → 200'],
					'email:ok-json@example.com': [200],
				},
			},
		])('$title', ({ scenario, failedIndex, error, message, trace }) => {
			const { run, log, contacts } = snapshot();
			const { items } = scenario;
			const { succeeded, failed } = branchOutcome(run, scenario.key, items.length);
			expect(failed).toEqual([{ ...items[failedIndex], error, message }]);
			expect(attemptTrace(log, 'chatbotx', chatbotxIdentifier)).toMatchObject(trace);
			const others = items.filter((_, index) => index !== failedIndex);
			expectChatbotxSuccesses(succeeded, others, contacts);
		});

		test("401: every item on the error output with Vambe's message, one request per item", () => {
			const { run, log, contacts } = snapshot();
			const { items } = FAIL.unauthorized;
			const { succeeded, failed } = branchOutcome(run, FAIL.unauthorized.key, items.length);
			expect(succeeded).toEqual([]);
			expect(failed).toEqual(
				items.map((item) => ({
					...item,
					error: 'Vambe answered 401: Invalid API key',
					message: expect.stringContaining('API key'),
				})),
			);
			const trace = attemptTrace(log, 'vambe', (entry) => entry.body.contact_phone_number);
			expect(trace).toEqual({
				'+56961234530': [401],
				'+56961234531': [401],
				'+56961234532': [401],
			});
			expect(contacts.vambe).toEqual([]);
		});

		test('the ChatbotX store holds exactly the successes', () => {
			const { log, contacts } = snapshot();
			const successes = [
				'email:ok-gateway-down@example.com',
				'email:ok-socket-down@example.com',
				'email:ok-no-wait@example.com',
				'email:ok-json@example.com',
			].sort();
			const applied = log.filter(
				(entry) => entry.vendor === 'chatbotx' && entry.status === 200 && !entry.fault,
			);
			expect(applied.map(chatbotxIdentifier).sort()).toEqual(successes);
			expect(contacts.chatbotx.map((contact) => `email:${contact.email}`).sort()).toEqual(
				successes,
			);
		});
	});

	describe('rate limit', () => {
		const snapshot = runOnce(n8n, sandbox, bulkWorkflow(), { chatbotx: { rateLimit: BULK_LIMIT } });

		test(`${BULK_COUNT} items to ChatbotX at concurrency ${BULK_CONCURRENCY} against ${BULK_LIMIT.limit} requests per 10 s: none fail, each applied exactly once, output in input order`, () => {
			const { run, log, contacts } = snapshot();
			const { items } = BULK;
			const { succeeded, failed, succeededIndexes } = branchOutcome(run, BULK.key, items.length);
			expect(failed).toEqual([]);
			expect(succeededIndexes).toEqual(range(items.length));

			const attempts = attemptsBy(log, 'chatbotx', chatbotxIdentifier);
			expect(Object.keys(attempts).sort()).toEqual(items.map((item) => item.identifier).sort());
			for (const [identifier, entries] of Object.entries(attempts)) {
				const accepted = entries.filter((entry) => entry.status === 200 && !entry.replayed);
				expect({ identifier, accepted: accepted.length }).toEqual({ identifier, accepted: 1 });
				// Anything else is the limiter's 429 or a replay of the accepted answer under its key.
				for (const entry of entries) {
					if (entry.status === 429) expect(entry.rateLimited).toBe(true);
					else expect(entry.status).toBe(200);
					if (entry.replayed)
						expect(entry.headers['idempotency-key']).toBe(accepted[0].headers['idempotency-key']);
				}
				// One key per item, on every attempt.
				expect(new Set(entries.map((entry) => entry.headers['idempotency-key'])).size).toBe(1);
			}
			const keys = new Set(log.map((entry) => entry.headers['idempotency-key']));
			expect(keys.size).toBe(items.length);
			// The limit was really hit, and the run paused as a whole instead of every request finding
			// the limit on its own: only the requests already in flight (at most Concurrency) at each
			// window edge got a 429. 250 accepted requests fill three windows: two edges.
			const limited = log.filter((entry) => entry.status === 429).length;
			expect(limited).toBeGreaterThan(0);
			const windowEdges = Math.ceil(items.length / BULK_LIMIT.limit) - 1;
			expect(limited).toBeLessThanOrEqual(windowEdges * BULK_CONCURRENCY);
			// The third window opens 20 s after the first request (less a few ms of log timestamps).
			expect(gapMs(log[0], log[log.length - 1])).toBeGreaterThan(2 * BULK_LIMIT.windowMs - 100);

			expect(contacts.chatbotx).toHaveLength(items.length);
			expectChatbotxSuccesses(succeeded, items, contacts);
		});
	});
}

module.exports = { faultCases };
