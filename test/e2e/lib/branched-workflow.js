'use strict';
/**
 * A workflow with several independent Contact Upsert branches, so that one `n8n execute` (one
 * n8n start-up) covers several scenarios:
 *
 *   Manual Trigger ─┬→ Items: <key> (Code) → Contact Upsert: <key> ─┬→ Succeeded: <key> (NoOp)
 *                   │                                                └→ Failed: <key> (NoOp)
 *                   └→ …one such branch per scenario
 *
 * Every Contact Upsert runs with "On Error: Continue (using error output)" so every item is
 * visible, and has its own options (retries, timeout, concurrency): each node run has its own
 * retry budget and its own run-wide pause after a 429, so branches do not slow each other down.
 * Branches share the sandbox, so a branch's faults must be scoped to its own vendor or to paths
 * (identifiers) only its items use.
 */
const { node } = require('../../../scripts/lib/workflow-nodes');
const { pairedInputs } = require('./run-data');
const { NODE_TYPE, NODES } = require('./workflows');

let sequence = 0;

/** The node names of one branch. */
function branchNodes(key) {
	return {
		items: `${NODES.items}: ${key}`,
		upsert: `${NODES.upsert}: ${key}`,
		succeeded: `${NODES.succeeded}: ${key}`,
		failed: `${NODES.failed}: ${key}`,
	};
}

const to = (...names) => names.map((name) => [{ node: name, type: 'main', index: 0 }]);

/**
 * @param {object} spec
 * @param {string} spec.name  shown in n8n as "e2e: <name>"
 * @param {{ key: string, credential: {id, name, type}, items: object[], parameters: object }[]} spec.branches
 *   `key` names the branch's nodes; `parameters` are Contact Upsert's
 */
function branchedWorkflow({ name, branches }) {
	const keys = branches.map((branch) => branch.key);
	if (new Set(keys).size !== keys.length) throw new Error(`branch keys repeat: ${keys.join(', ')}`);
	const nodes = [node(NODES.trigger, 'n8n-nodes-base.manualTrigger', 1, [0, 0])];
	const connections = { [NODES.trigger]: { main: [] } };
	const fromTrigger = [];
	branches.forEach(({ key, credential, items, parameters }, row) => {
		const names = branchNodes(key);
		const y = row * 300;
		nodes.push(
			node(names.items, 'n8n-nodes-base.code', 2, [220, y], {
				jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};`,
			}),
			node(names.upsert, NODE_TYPE, 1, [440, y], parameters, {
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
				onError: 'continueErrorOutput',
			}),
			node(names.succeeded, 'n8n-nodes-base.noOp', 1, [660, y - 100]),
			node(names.failed, 'n8n-nodes-base.noOp', 1, [660, y + 100]),
		);
		fromTrigger.push({ node: names.items, type: 'main', index: 0 });
		connections[names.items] = { main: to(names.upsert) };
		connections[names.upsert] = { main: to(names.succeeded, names.failed) };
	});
	connections[NODES.trigger].main.push(fromTrigger);
	sequence += 1;
	return {
		id: `e2eBranched${String(sequence).padStart(5, '0')}`,
		name: `e2e: ${name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}

const range = (count) => Array.from({ length: count }, (_, index) => index);

/**
 * One branch's result, after checking that it ran with every input item and that its Contact
 * Upsert answered each input item exactly once across both outputs: the `pairedItem` indexes of
 * output 0 and output 1 together are 0..N-1, each once, and each output keeps input order.
 *
 * Returns `{ succeeded, failed, succeededIndexes, failedIndexes, outcome }`, where `outcome[i]`
 * is `{ ok: boolean, json }` for input item i.
 */
function branchOutcome(run, key, inputCount) {
	const names = branchNodes(key);
	expect(Object.keys(run.output)).toEqual(
		expect.arrayContaining([NODES.trigger, names.items, names.upsert]),
	);
	expect(run.output[names.items][0]).toHaveLength(inputCount);
	const [succeeded = [], failed = []] = run.output[names.upsert];
	const succeededIndexes = pairedInputs(run, names.upsert, 0);
	const failedIndexes = pairedInputs(run, names.upsert, 1);
	expect(succeededIndexes).toHaveLength(succeeded.length);
	expect(failedIndexes).toHaveLength(failed.length);
	// None lost, none duplicated…
	expect([...succeededIndexes, ...failedIndexes].sort((a, b) => a - b)).toEqual(range(inputCount));
	// …and each output in input order.
	expect(succeededIndexes).toEqual([...succeededIndexes].sort((a, b) => a - b));
	expect(failedIndexes).toEqual([...failedIndexes].sort((a, b) => a - b));
	// The branches really carry on: a NoOp runs (with exactly those items) when its output has any.
	if (succeeded.length > 0) expect(run.output[names.succeeded][0]).toEqual(succeeded);
	else expect(run.output[names.succeeded]).toBeUndefined();
	if (failed.length > 0) expect(run.output[names.failed][0]).toEqual(failed);
	else expect(run.output[names.failed]).toBeUndefined();

	const outcome = new Array(inputCount);
	succeededIndexes.forEach((index, i) => {
		outcome[index] = { ok: true, json: succeeded[i] };
	});
	failedIndexes.forEach((index, i) => {
		outcome[index] = { ok: false, json: failed[i] };
	});
	return { succeeded, failed, succeededIndexes, failedIndexes, outcome };
}

module.exports = { branchedWorkflow, branchNodes, branchOutcome, range };
