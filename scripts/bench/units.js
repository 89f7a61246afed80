'use strict';
/**
 * The measured workflows ("units") the benchmark scenarios are made of, and the pair scenarios 1,
 * 3 and 5 share: Contact Upsert against n8n's HTTP helper alone at the same concurrency.
 */

const wf = require('./workflows');

function workflowId(tag) {
	return `bench${tag}`.padEnd(16, '0').slice(0, 16);
}

/** One measured workflow of a scenario: Manual Trigger → Code (`items` items) → `target`. */
function unit(key, label, tag, items, target) {
	return { key, label, items, workflow: wf.benchWorkflow(workflowId(tag), tag, items, target) };
}

/**
 * Contact Upsert, then n8n's HTTP helper alone, both at `concurrency`, tagged by `scenario` (e.g.
 * 'S1'). With `throughN8n`, Contact Upsert with its field mappings resolved by n8n's expression
 * engine (no field-reference shortcut) runs right after the usual run.
 */
function upsertAndHelperUnits(scenario, items, concurrency, { sandbox, throughN8n = false }) {
	return [
		unit(
			'upsert',
			`Contact Upsert (concurrency ${concurrency})`,
			`${scenario}upsert`,
			items,
			wf.contactUpsertNode({ concurrency }),
		),
		...(throughN8n
			? [
					unit(
						'upsertN8n',
						`Contact Upsert, mappings through n8n's expressions (concurrency ${concurrency})`,
						`${scenario}upsertN8n`,
						items,
						wf.contactUpsertNode({ concurrency, throughN8n: true }),
					),
				]
			: []),
		unit(
			'helper',
			`n8n's HTTP helper only (concurrency ${concurrency})`,
			`${scenario}helper`,
			items,
			wf.helperOnlyNode({ sandbox, concurrency }),
		),
	];
}

module.exports = { unit, upsertAndHelperUnits };
