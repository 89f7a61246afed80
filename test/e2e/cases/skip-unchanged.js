'use strict';
/**
 * Options → Skip Unchanged Contacts in real n8n, which keeps the node's memory in its own
 * database: a workflow runs, one contact changes (another is retyped the same), the workflow is
 * imported again with the new rows (as a user edits it; n8n keeps the node's memory) and runs
 * again. The vendor must receive only the changed contact on the second run, and every item
 * still comes out, skipped ones marked.
 */
const { PHONE_UPSERTS, phoneUpsertWorkflows } = require('../lib/phone-upserts');
const { upsertOutputs } = require('../lib/run-data');
const { NODES } = require('../lib/workflows');

const FIRST = [
	{ name: 'Ana', phone: '+56 9 6123 4567' },
	{ name: 'Bruno', phone: '9 8765 4321' },
	{ name: 'Carla', phone: '+56 9 5555 0001' },
];
// Ana retyped (the same number with the 00 prefix), Bruno renamed, Carla as before.
const SECOND = [
	{ name: 'Ana', phone: '0056961234567' },
	{ name: 'Bruno Díaz', phone: '9 8765 4321' },
	{ name: 'Carla', phone: '+56 9 5555 0001' },
];
const SKIP_REASON = 'Unchanged since the last successful upsert by this node';
// Nine n8n CLI calls (two runs of four workflows and one import), 10–15 s each on a busy machine.
const TIMEOUT_MS = 6 * 60 * 1000;

/** The workflow with the Items node emitting `items`, every node id kept. */
function withItems(workflow, items) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.name === NODES.items
				? {
						...node,
						parameters: {
							jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};`,
						},
					}
				: node,
		),
	};
}

function skipUnchangedCases(n8n, sandbox) {
	describe('Skip Unchanged Contacts', () => {
		const cases = phoneUpsertWorkflows(n8n, Object.values(PHONE_UPSERTS), {
			what: 'skip unchanged contacts',
			items: FIRST,
			options: { defaultCountry: 'CL', skipUnchanged: true },
		});

		test(
			'the second run sends only the changed contact, on every provider',
			async () => {
				for (const { workflow } of cases) upsertOutputs(await n8n.execute(workflow), FIRST.length);
				const firstRun = Object.fromEntries(
					cases.map(({ provider, sentKey }) => [
						provider,
						sandbox.requests({ vendor: provider }).map(sentKey),
					]),
				);
				for (const { provider } of cases) expect(firstRun[provider]).toHaveLength(FIRST.length);

				sandbox.reset();
				await n8n.reimport(cases.map(({ workflow }) => withItems(workflow, SECOND)));
				for (const { provider, workflow, sentKey } of cases) {
					const [output] = upsertOutputs(await n8n.execute(workflow), SECOND.length);
					const sent = sandbox.requests({ vendor: provider }).map(sentKey);
					// Bruno only: the key his first request carried.
					expect({ provider, sent }).toEqual({ provider, sent: [firstRun[provider][1]] });
					expect(output.map((item) => [item.skipped, item.skipReason])).toEqual([
						[true, SKIP_REASON],
						[undefined, undefined],
						[true, SKIP_REASON],
					]);
					expect(output[0].provider).toBe(provider);
				}
			},
			TIMEOUT_MS,
		);
	});
}

module.exports = { skipUnchangedCases };
