'use strict';
/**
 * Turns one execution of the demo workflow into per-provider counts and readable lines.
 *
 * "Created" and "updated" come from the sandbox's contact stores, not from the node's output
 * (an upsert answer looks the same either way): created = contacts in the store after the run
 * that were not there before; updated = the remaining successful upserts.
 */

const { VENDORS } = require('../../sandbox/vendors');
const { NODE_TYPE } = require('./workflow-nodes');

/** Each provider's display name, from the sandbox's vendors (checked against the node's registry). */
const LABELS = Object.fromEntries(VENDORS.map((vendor) => [vendor.id, vendor.displayName]));

/** The Contact Upsert nodes of a workflow: [{ name, provider }]. */
function upsertNodes(workflow) {
	return workflow.nodes
		.filter((node) => node.type === NODE_TYPE)
		.map((node) => ({ name: node.name, provider: node.parameters.provider }));
}

/** A pairedItem (number, object or list) as the index of the input item it points at. */
function pairedIndex(pairedItem) {
	const first = Array.isArray(pairedItem) ? pairedItem[0] : pairedItem;
	if (typeof first === 'number') return first;
	return first && typeof first.item === 'number' ? first.item : undefined;
}

/** The items a node received: the output of the node (run, output index) that fed it. */
function inputItems(runData, source) {
	const tasks = source && runData[source.previousNode];
	const task = tasks && tasks[source.previousNodeRun || 0];
	const outputs = (task && task.data && task.data.main) || [];
	return outputs[source ? source.previousNodeOutput || 0 : 0] || [];
}

/**
 * The outputs of one node, each item joined with the input item it came from (through n8n's
 * pairedItem), so a saved contact can be traced back to its row: [[{ json, input }], …].
 */
function outputsWithInputs(runData, nodeName) {
	const tasks = runData[nodeName];
	if (!tasks || !tasks.length) return undefined;
	const task = tasks[tasks.length - 1];
	const inputs = inputItems(runData, (task.source || [])[0]);
	return ((task.data || {}).main || []).map((items) =>
		(items || []).map((item) => {
			const input = inputs[pairedIndex(item.pairedItem)];
			// Error items already carry their input row (n8n merges it in): the fallback.
			return { json: item.json, input: input ? input.json : item.json };
		}),
	);
}

/** Hypersender knows a contact as "56977771234" and "56977771234@c.us" alike. */
const contactKey = (json) => String(json.contactId || json.phoneNumber).replace(/@c\.us$/i, '');

/**
 * @param {object} input
 * @param {object} input.workflow    the imported workflow JSON
 * @param {object} input.resultData  executeWorkflow().resultData (the run data with pairedItem)
 * @param {object[]} input.rows      the items of the node that produced the contact list
 * @param {object} input.before      sandbox.contacts() before the run
 * @param {object} input.after       sandbox.contacts() after the run
 */
function summarize({ workflow, resultData, rows, before, after }) {
	const providers = [];
	const routedRows = new Set();
	for (const { name, provider } of upsertNodes(workflow)) {
		const [saved = [], failed = []] = outputsWithInputs(resultData.runData, name) || [];
		const created = after[provider].length - before[provider].length;
		for (const item of [...saved, ...failed]) routedRows.add(item.input.row);
		providers.push({
			provider,
			label: LABELS[provider] || provider,
			rows: saved.length + failed.length,
			created,
			updated: saved.length - created,
			failed: failed.length,
			failures: failed.map(({ json, input }) => ({
				row: input.row,
				name: input.name,
				email: input.email,
				reason: json.error,
			})),
			sameContact: repeatedContacts(saved, provider),
		});
	}
	const unrouted = rows.filter((row) => !routedRows.has(row.row));
	return { providers, rows: rows.length, unrouted };
}

/** Rows that ended up on one contact (a duplicate typed another way). */
function repeatedContacts(saved, provider) {
	const byContact = new Map();
	for (const item of saved) {
		const key = contactKey(item.json);
		if (!byContact.has(key)) byContact.set(key, []);
		byContact.get(key).push(item);
	}
	// ChatbotX finds contacts by the identifier, the e-mail here; the others by phone number.
	const typed = (input) => (provider === 'chatbotx' ? input.email || input.phone : input.phone);
	return [...byContact.entries()]
		.filter(([, items]) => items.length > 1)
		.map(([key, items]) => ({
			rows: items.map((item) => item.input.row),
			typed: items.map((item) => typed(item.input)),
			contact: items[items.length - 1].json.phoneNumber || key,
		}));
}

/** The error text without "of item N": N counts within one Upsert node, the row number is clearer. */
function shortReason(reason, width = 110) {
	const text = String(reason || 'unknown error')
		.replace(/ of item \d+/, '')
		.replace(/\s+/g, ' ')
		// the first sentence: what is wrong (the rest says what to do, the workflow shows it all)
		.replace(/^(.*?\.) [A-Z].*$/, '$1');
	return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

const pad = (value, width) => String(value).padEnd(width);
const num = (value, width) => String(value).padStart(width);
const tableRow = (label, rows, created, updated, failed) =>
	`${pad(label, 13)}${num(rows, 5)}${num(created, 9)}${num(updated, 9)}${num(failed, 8)}`;

/** The summary as lines of text. */
function formatSummary(summary) {
	const total = { rows: 0, created: 0, updated: 0, failed: 0 };
	const lines = [tableRow('Provider', 'rows', 'created', 'updated', 'failed')];
	for (const p of summary.providers) {
		for (const key of Object.keys(total)) total[key] += p[key];
		lines.push(tableRow(p.label, p.rows, p.created, p.updated, p.failed));
	}
	lines.push(tableRow('Total', total.rows, total.created, total.updated, total.failed));

	const repeats = summary.providers.flatMap((p) =>
		p.sameContact.map((group) => ({ label: p.label, ...group })),
	);
	if (repeats.length) {
		lines.push('', "Same person typed two ways (the second row updated the first one's contact):");
		for (const group of repeats) {
			const typed = group.typed.map((value) => JSON.stringify(value)).join(', ');
			lines.push(
				`  ${pad(group.label, 12)} rows ${group.rows.join(', ')}: ${typed} → ${group.contact}`,
			);
		}
	}

	const failures = summary.providers.flatMap((p) =>
		p.failures.map((failure) => ({ label: p.label, ...failure })),
	);
	if (failures.length) {
		lines.push('', 'Failed rows (error output of the Contact Upsert nodes):');
		for (const failure of failures) {
			lines.push(
				`  row ${num(failure.row ?? '?', 2)}  ${pad(failure.label, 12)} ${failure.name || `(no name, ${failure.email})`}`,
				`          ${shortReason(failure.reason)}`,
			);
		}
	}
	if (summary.unrouted.length) {
		lines.push(
			'',
			`Rows with an unknown provider (not sent): ${summary.unrouted.map((row) => `${row.row} (${row.provider || 'empty'})`).join(', ')}`,
		);
	}
	return lines;
}

module.exports = { LABELS, summarize, formatSummary, upsertNodes, shortReason };
