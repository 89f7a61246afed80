import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SECRETS } from '../helpers/credentials';
import { searchList } from '../helpers/loadOptions';
import { runNode } from '../helpers/runNode';
import { UPSERT_TABLE, type UpsertCase } from '../helpers/upsertCases';

const ELSEWHERE = 'https://elsewhere.example';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** A host that must never be asked anything: counts every request it would have received. */
function forbiddenHost(origin: string) {
	const received: Array<{ method: string; path: string; headers: IDataObject }> = [];
	const scope = nock(origin).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']) {
		scope.intercept(/.*/, method).reply(function () {
			received.push({ method: this.req.method, path: this.req.path, headers: this.req.headers });
			return [200, {}];
		});
	}
	return received;
}

/** Runs one item under continue on fail and returns its only output item. */
async function runItem(entry: UpsertCase): Promise<INodeExecutionData> {
	const [output] = await runNode({
		parameters: { ...entry.parameters, simplify: false, options: { maxRetries: 0 } },
		items: [entry.item],
		onError: 'continueRegularOutput',
	});
	expect(output).toHaveLength(1);
	return output[0];
}

describe.each(UPSERT_TABLE)(
	'%s: a redirect never carries the credential to another origin',
	(_provider, entry) => {
		const secret = SECRETS[entry.credentialType];

		it.each([301, 302, 303, 307, 308])(
			'%s to another host: that host gets nothing and the item names the new address',
			async (status) => {
				const received = forbiddenHost(ELSEWHERE);
				const vendor = nock(entry.origin)
					.post(entry.path)
					.query(true)
					.reply(status, '', { Location: `${ELSEWHERE}/moved/here?token=abc123#top` });

				const item = await runItem(entry);

				expect(received).toEqual([]);
				vendor.done();
				expect(item.json.error).toMatch(
					new RegExp(`answered ${status}, a redirect to ${ELSEWHERE}/moved/here\\. `),
				);
				expect(item.json.error).toContain('the credential was not sent there');
				expect(item.json.message).toContain('update the Base URL in the "');
				expect(JSON.stringify(item)).not.toContain('token=abc123');
				expect(JSON.stringify(item)).not.toContain(secret);
			},
		);

		it.each([
			['a protocol-relative address', `//elsewhere.example/x`],
			['the same host on another port', `${entry.origin}:8443/x`],
			['the same host over plain http', entry.origin.replace('https:', 'http:') + '/x'],
			['a user name in the URL', entry.origin.replace('https://', 'https://user:pw@') + '/x'],
		])('refuses %s', async (_label, location) => {
			const received = [
				...forbiddenHost(ELSEWHERE),
				...forbiddenHost(`${entry.origin}:8443`),
				...forbiddenHost(entry.origin.replace('https:', 'http:')),
			];
			nock(entry.origin).post(entry.path).query(true).reply(307, '', { Location: location });

			const item = await runItem(entry);

			expect(received).toEqual([]);
			expect(item.json.error).toContain('answered 307, a redirect to');
			expect(JSON.stringify(item)).not.toContain('user:pw');
		});

		it.each([301, 302, 307, 308])(
			'%s on the same origin is followed with the same method, body and credential',
			async (status) => {
				const bodies: unknown[] = [];
				const vendor = nock(entry.origin, {
					reqheaders: { [entry.authHeader]: entry.authValue(secret) },
				})
					.post(entry.path, (body) => bodies.push(body) > 0)
					.query(true)
					.reply(status, '', { Location: `${entry.path}/` })
					.post(`${entry.path}/`, (body) => bodies.push(body) > 0)
					.reply(200, entry.success);

				const item = await runItem(entry);

				vendor.done();
				expect(item.json).toEqual(entry.success);
				expect(bodies).toHaveLength(2);
				expect(bodies[1]).toEqual(bodies[0]);
			},
		);

		it('stops after three redirects on the same origin', async () => {
			const vendor = nock(entry.origin)
				.post(entry.path)
				.query(true)
				.reply(308, '', { Location: '/hop/1' })
				.post('/hop/1')
				.reply(308, '', { Location: '/hop/2' })
				.post('/hop/2')
				.reply(308, '', { Location: '/hop/3' })
				.post('/hop/3')
				.reply(308, '', { Location: '/hop/4' });
			const received = forbiddenHost(`${entry.origin}`);

			const item = await runItem(entry);

			vendor.done();
			expect(received).toEqual([]);
			expect(item.json.error).toContain(`a redirect to ${entry.origin}/hop/4.`);
		});

		it('refuses a 303 even on the same origin: the answer would be a GET elsewhere', async () => {
			nock(entry.origin).post(entry.path).query(true).reply(303, '', { Location: '/result' });
			const received = forbiddenHost(entry.origin);

			const item = await runItem(entry);

			expect(received).toEqual([]);
			expect(item.json.error).toContain(`answered 303, a redirect to ${entry.origin}/result.`);
		});

		it('follows to the same origin, then refuses a hop to another one', async () => {
			const received = forbiddenHost(ELSEWHERE);
			nock(entry.origin)
				.post(entry.path)
				.query(true)
				.reply(307, '', { Location: `${entry.path}/` })
				.post(`${entry.path}/`)
				.reply(307, '', { Location: `${ELSEWHERE}/x` });

			const item = await runItem(entry);

			expect(received).toEqual([]);
			expect(item.json.error).toContain(`a redirect to ${ELSEWHERE}/x.`);
		});

		it('suggests the new Base URL when the vendor moved the whole API', async () => {
			const received = forbiddenHost('https://api2.example');
			const moved = `https://api2.example/v9${entry.path}`;
			nock(entry.origin).post(entry.path).query(true).reply(308, '', { Location: moved });

			const item = await runItem(entry);

			expect(received).toEqual([]);
			const base = entry.origin === 'https://app.chatbotx.io' ? '/v9/api' : '/v9';
			expect(item.json.message).toContain(`to https://api2.example${base}.`);
		});
	},
);

describe('a redirect in a dropdown search', () => {
	it('is refused, and the other host gets nothing', async () => {
		const received = forbiddenHost(ELSEWHERE);
		nock('https://api.vambe.me')
			.get('/api/public/pipeline')
			.reply(302, '', { Location: `${ELSEWHERE}/api/public/pipeline` });

		const failure = await searchList('searchVambeStages').catch((error: unknown) => error);

		expect(received).toEqual([]);
		expect(failure).toMatchObject({
			message: expect.stringContaining(
				`Vambe answered 302, a redirect to ${ELSEWHERE}/api/public/pipeline.`,
			),
			description: expect.stringContaining(`to ${ELSEWHERE}.`),
		});
	});

	it('follows a redirect on the same origin', async () => {
		const scope = nock('https://api.vambe.me', { reqheaders: { 'x-api-key': SECRETS.vambeApi } })
			.get('/api/public/pipeline')
			.reply(301, '', { Location: '/api/public/pipeline/' })
			.get('/api/public/pipeline/')
			.reply(200, [{ id: 'p', name: 'Sales', stages: [{ id: 's', name: 'New' }] }]);

		const { results } = await searchList('searchVambeStages');

		scope.done();
		expect(results).toEqual([{ name: 'Sales › New', value: 's' }]);
	});

	it("reports the vendor's refusal", async () => {
		nock('https://api.vambe.me')
			.get('/api/public/pipeline')
			.reply(401, { statusCode: 401, message: 'Invalid API key' });

		await expect(searchList('searchVambeStages')).rejects.toMatchObject({
			message: 'Vambe answered 401: Invalid API key',
		});
	});
});
