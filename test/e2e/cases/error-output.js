'use strict';
/**
 * "On Error: Continue (using error output)": a mixed batch splits into successes on output 0 and
 * failures on output 1, one output item per input item, none lost, each failure still carrying
 * the input item's fields (n8n merges them in) so a user can route or report it.
 */
const { pairedInputs, upsertOutputs, nodeOutputs } = require('../lib/run-data');
const SEED = require('../lib/seed');
const { upsertWorkflow, NODES } = require('../lib/workflows');

function errorOutputCases(n8n, sandbox) {
	describe('error output', () => {
		const UNKNOWN_CHANNEL = '000000000000000000000000';
		const items = [
			{ row: 0, name: 'Ana', phone: '+56 9 6123 4567', channelId: SEED.rampwin.channelId },
			// too short for a Chilean mobile number: refused by the node, never sent
			{ row: 1, name: 'Typo', phone: '+56 9 6123', channelId: SEED.rampwin.channelId },
			{ row: 2, name: 'Bruno', phone: '+56 9 8765 4321', channelId: SEED.rampwin.channelId },
			// well-formed, but Rampwin does not know the channel: refused by the vendor
			{ row: 3, name: 'Carla', phone: '+56 9 5555 1234', channelId: UNKNOWN_CHANNEL },
			{ row: 4, name: 'John', phone: '+1 213 555 0142', channelId: SEED.rampwin.channelId },
		];
		const workflow = n8n.workflow(
			upsertWorkflow({
				name: 'Rampwin, mixed batch, error output',
				items,
				onError: 'continueErrorOutput',
				parameters: {
					provider: 'rampwin',
					rampwinChannelId: '={{ $json.channelId }}',
					phoneNumber: '={{ $json.phone }}',
					additionalFields: { firstName: '={{ $json.name }}' },
				},
			}),
		);

		test('successes go to output 0, failures with their error to output 1, nothing lost', async () => {
			const run = await n8n.execute(workflow);
			const [succeeded, failed] = upsertOutputs(run, items.length);

			expect(pairedInputs(run, NODES.upsert, 0)).toEqual([0, 2, 4]);
			expect(pairedInputs(run, NODES.upsert, 1)).toEqual([1, 3]);
			expect(succeeded.length + failed.length).toBe(items.length);

			const stored = Object.fromEntries(
				sandbox.contacts('rampwin').map((contact) => [contact.phone_number, contact]),
			);
			expect(succeeded).toEqual(
				[
					['Ana', '+56961234567'],
					['Bruno', '+56987654321'],
					['John', '+12135550142'],
				].map(([name, phoneNumber]) => ({
					provider: 'rampwin',
					contactId: stored[phoneNumber]._id,
					name,
					email: null,
					phoneNumber,
				})),
			);
			expect(failed).toEqual([
				{
					...items[1],
					error: expect.stringContaining('"Phone Number" of item 1: "+56 9 6123"'),
					message: expect.stringContaining('No request was sent for it'),
				},
				{
					...items[3],
					error: 'Rampwin answered 400: Invalid channel',
					message: expect.stringContaining('Check the Channel ID'),
				},
			]);

			// The branches really carry on: each NoOp got its items.
			expect(nodeOutputs(run, NODES.succeeded)[0]).toEqual(succeeded);
			expect(nodeOutputs(run, NODES.failed)[0]).toEqual(failed);

			// The invalid number never left n8n; the vendor saw the other four, stored three.
			const sentPhones = sandbox.requests({ vendor: 'rampwin' }).map((r) => r.body.phone_number);
			expect(sentPhones.sort()).toEqual(
				['+12135550142', '+56955551234', '+56961234567', '+56987654321'].sort(),
			);
			expect(Object.keys(stored).sort()).toEqual(
				['+12135550142', '+56961234567', '+56987654321'].sort(),
			);
		});
	});
}

module.exports = { errorOutputCases };
