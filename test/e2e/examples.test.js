'use strict';
/**
 * The example workflows in examples/ as a user gets them: imported into real n8n next to the
 * sandbox credentials they refer to (fixed ids, see scripts/lib/credentials.js) and
 * executed against the vendor sandbox. Each must run to the end, answer every row it was given and
 * store what it sent.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('../../scripts/lib/n8n');
const workspace = require('../../scripts/lib/workspace');
const { createSandbox } = require('../../sandbox/server');
const { packedPackage } = require('./lib/package-under-test');
const { selectedMajors, describeMajor } = require('./lib/versions');

const UPSERT_TYPE = 'n8n-nodes-contact-upsert.contactUpsert';

/** The node whose items feed the example's Contact Upsert node(s), and the vendors they write to. */
const EXAMPLES = {
	'csv-import.workflow.json': { feeder: 'Read CSV rows', vendors: ['rampwin'] },
	'demo-sync.workflow.json': {
		feeder: 'Sample contacts',
		vendors: ['vambe', 'chatbotx', 'rampwin', 'hypersender'],
	},
	'scheduled-sync.workflow.json': { feeder: 'Changed CRM contacts', vendors: ['chatbotx'] },
	'webhook-form.workflow.json': { feeder: 'Form fields', vendors: ['vambe'] },
};

jest.setTimeout(3 * 60 * 1000);

test('every example workflow is covered here', () => {
	expect(
		workspace
			.listExamples()
			.map(({ file }) => file)
			.sort(),
	).toEqual(Object.keys(EXAMPLES).sort());
});

describe.each(selectedMajors().map((major) => [describeMajor(major), major]))(
	'examples on %s',
	(_label, major) => {
		const sandbox = createSandbox();
		let userFolder;

		beforeAll(async () => {
			await sandbox.listen();
			userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `contact-upsert-examples-${major}-`));
			// The sandbox credentials with their fixed ids (the default of workspace.prepare).
			const { imported } = await workspace.prepare({
				major,
				userFolder,
				tgz: packedPackage(),
				sandbox,
				workflows: workspace.listExamples().map(({ workflow }) => workflow),
			});
			expect(imported).toHaveLength(Object.keys(EXAMPLES).length);
		});
		beforeEach(() => sandbox.reset());
		afterAll(async () => {
			await sandbox.close();
			if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		});

		it.each(Object.entries(EXAMPLES))('%s runs against the sandbox', async (file, expected) => {
			const { workflow } = workspace.listExamples().find((example) => example.file === file);
			const upsertNodes = workflow.nodes.filter((node) => node.type === UPSERT_TYPE);
			expect(upsertNodes.length).toBeGreaterThan(0);

			const run = await n8n.executeWorkflow(major, userFolder, workflow.id);

			const rows = run.output[expected.feeder][0].length;
			expect(rows).toBeGreaterThan(0);
			let answered = 0;
			let succeeded = 0;
			for (const node of upsertNodes) {
				expect(Object.keys(run.output)).toContain(node.name);
				const [successes = [], failures = []] = run.output[node.name];
				answered += successes.length + failures.length;
				succeeded += successes.length;
				for (const item of failures) expect(typeof item.error).toBe('string');
			}
			// Every row reached a Contact Upsert node and came out once, as a contact or an error.
			expect(answered).toBe(rows);
			expect(succeeded).toBeGreaterThan(0);
			const stored = expected.vendors.reduce(
				(sum, vendor) => sum + sandbox.contacts(vendor).length,
				0,
			);
			expect(stored).toBeGreaterThan(0);
			expect(stored).toBeLessThanOrEqual(succeeded);
		});
	},
);
