'use strict';
/**
 * A vendor (or a proxy in front of it) that answers the upsert with a redirect to another host:
 * inside real n8n, that host receives nothing, not even the credential's header, and each item
 * ends on the error output naming the new address and saying to update the Base URL.
 *
 * The other host is a second loopback listener that records whatever reaches it; the sandbox
 * answers every upsert with a `redirect` fault pointing there, one status per vendor.
 */
const http = require('node:http');
const { CREDENTIALS } = require('../lib/credentials');
const { branchedWorkflow, branchOutcome } = require('../lib/branched-workflow');
const SEED = require('../lib/seed');

/** A listener that answers 200 to anything and remembers every request it got. */
function recordingListener() {
	const received = [];
	const server = http.createServer((req, res) => {
		received.push({ method: req.method, url: req.url, headers: req.headers });
		req.resume();
		res.end('{}');
	});
	return {
		received,
		listen: () =>
			new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port))),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const PHONE = { written: '+56 9 6123 4590', e164: '+56961234590' };

const BRANCHES = [
	{
		vendor: 'vambe',
		name: 'Vambe',
		status: 307,
		credential: CREDENTIALS.vambe,
		parameters: {
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: SEED.vambe.channelPhoneNumber,
			phoneNumber: '={{ $json.phone }}',
		},
	},
	{
		vendor: 'chatbotx',
		name: 'ChatbotX',
		status: 308,
		credential: CREDENTIALS.chatbotx,
		parameters: { provider: 'chatbotx', identifier: 'email:redirect@example.com' },
	},
	{
		vendor: 'rampwin',
		name: 'Rampwin',
		status: 302,
		credential: CREDENTIALS.rampwin,
		parameters: {
			provider: 'rampwin',
			rampwinChannelId: SEED.rampwin.channelId,
			phoneNumber: '={{ $json.phone }}',
		},
	},
	{
		vendor: 'hypersender',
		name: 'Hypersender',
		status: 301,
		credential: CREDENTIALS.hypersender,
		parameters: { provider: 'hypersender', chatId: '={{ $json.phone }}', firstName: 'Redirect' },
	},
];

function redirectCases(n8n, sandbox) {
	describe('redirects to another host', () => {
		const listener = recordingListener();
		const workflow = n8n.workflow(
			branchedWorkflow({
				name: 'every vendor redirects to another host',
				branches: BRANCHES.map((branch) => ({
					key: `${branch.name} ${branch.status}`,
					credential: branch.credential,
					items: [{ phone: PHONE.written }],
					parameters: branch.parameters,
				})),
			}),
		);
		let port;
		let snapshot;

		beforeAll(async () => {
			port = await listener.listen();
			sandbox.reset();
			sandbox.configure(
				Object.fromEntries(
					BRANCHES.map((branch) => [
						branch.vendor,
						{
							faults: [
								{
									type: 'redirect',
									status: branch.status,
									location: `http://127.0.0.1:${port}/stolen/${branch.vendor}?token=t0k3n`,
									rate: 1,
								},
							],
						},
					]),
				),
			);
			const run = await n8n.execute(workflow);
			snapshot = { run, log: sandbox.requests(), contacts: sandbox.contacts() };
		});
		afterAll(() => listener.close());

		test('the other host receives nothing', () => {
			expect(snapshot).toBeDefined();
			expect(listener.received).toEqual([]);
		});

		test.each(BRANCHES.map((branch) => [branch.name, branch]))(
			'%s: the vendor was asked once, and the item names the new address and the Base URL',
			(_name, branch) => {
				const { failed, succeeded } = branchOutcome(
					snapshot.run,
					`${branch.name} ${branch.status}`,
					1,
				);
				expect(succeeded).toEqual([]);
				expect(failed).toEqual([
					{
						phone: PHONE.written,
						error: `${branch.name} answered ${branch.status}, a redirect to http://127.0.0.1:${port}/stolen/${branch.vendor}. The node does not follow it, so the credential was not sent there`,
						message: expect.stringContaining(
							`update the Base URL in the "${branch.credential.name}" credential`,
						),
					},
				]);
				const requests = snapshot.log.filter((entry) => entry.vendor === branch.vendor);
				expect(requests.map((entry) => [entry.fault, entry.status])).toEqual([
					['redirect', branch.status],
				]);
				expect(snapshot.contacts[branch.vendor]).toEqual([]);
				expect(JSON.stringify(failed)).not.toContain('t0k3n');
			},
		);
	});
}

module.exports = { redirectCases };
