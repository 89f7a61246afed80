'use strict';
/** A wrong secret: the run stops with the vendor's answer, and the secret is never printed. */
const { CREDENTIALS, WRONG_VAMBE_API_KEY } = require('../lib/credentials');
const { PHONE_UPSERTS } = require('../lib/phone-upserts');
const { upsertWorkflow, NODES } = require('../lib/workflows');

function credentialCases(n8n, sandbox) {
	describe('credentials', () => {
		const items = [{ name: 'Ana Pérez', phone: '+56 9 6123 4567' }];
		const workflow = n8n.workflow(
			upsertWorkflow({
				name: 'Vambe with a wrong API key',
				credential: CREDENTIALS.vambeWrongKey,
				items,
				parameters: { provider: 'vambe', ...PHONE_UPSERTS.vambe.parameters },
			}),
		);

		test("a wrong API key fails the execution with Vambe's 401, and the key is never printed", async () => {
			const failure = await n8n.execute(workflow).then(
				() => {
					throw new Error('the execution succeeded with a wrong API key');
				},
				(error) => error,
			);
			expect(failure.message).toContain('Vambe answered 401: Invalid API key');
			expect(failure.resultData.lastNodeExecuted).toBe(NODES.upsert);

			// The key really went out (once: a 401 is not retried), so its absence below means something.
			const requests = sandbox.requests({ vendor: 'vambe' });
			expect(requests.map((request) => request.headers['x-api-key'])).toEqual([
				WRONG_VAMBE_API_KEY,
			]);
			expect(sandbox.contacts('vambe')).toEqual([]);

			const { stdout, stderr } = failure.result;
			expect(stdout).toContain('Invalid API key');
			expect(stdout).not.toContain(WRONG_VAMBE_API_KEY);
			expect(stderr).not.toContain(WRONG_VAMBE_API_KEY);
			expect(JSON.stringify(failure.resultData)).not.toContain(WRONG_VAMBE_API_KEY);
		});
	});
}

module.exports = { credentialCases };
