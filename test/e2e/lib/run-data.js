'use strict';
/**
 * Reading an execution's run data in the tests' terms. `n8n execute` can exit 0 having run
 * nothing (or only part of a workflow), so every test reads Contact Upsert's items through
 * `upsertOutputs`, which first checks that the whole workflow ran and was fed every input item.
 */
const { NODES } = require('./workflows');

/** The items (json) a node put on each of its outputs: [[…output 0], [… output 1]]. */
function nodeOutputs(run, nodeName) {
	expect(Object.keys(run.output)).toContain(nodeName);
	return run.output[nodeName];
}

/**
 * Contact Upsert's outputs, after checking that the trigger, the Items node (with `inputCount`
 * items) and Contact Upsert all ran, and that Contact Upsert answered every input item.
 */
function upsertOutputs(run, inputCount) {
	expect(Object.keys(run.output)).toEqual(
		expect.arrayContaining([NODES.trigger, NODES.items, NODES.upsert]),
	);
	expect(run.output[NODES.items][0]).toHaveLength(inputCount);
	const outputs = run.output[NODES.upsert];
	const answered = outputs.reduce((sum, items) => sum + items.length, 0);
	expect(answered).toBe(inputCount);
	return outputs;
}

/** The input item index each item of a node's output is paired with (n8n's `pairedItem`). */
function pairedInputs(run, nodeName, outputIndex) {
	const runs = run.resultData.runData[nodeName];
	const items = runs[runs.length - 1].data.main[outputIndex] || [];
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return typeof paired === 'number' ? paired : paired && paired.item;
	});
}

module.exports = { nodeOutputs, upsertOutputs, pairedInputs };
