import nock from 'nock';

import { SECRETS } from '../helpers/credentials';
import { searchList } from '../helpers/loadOptions';
import { runNode } from '../helpers/runNode';

const VAMBE = 'https://api.vambe.me';
const PIPELINES = [
	{
		id: '3f6c2b1e-8d4a-4f7b-9c2e-1a5d7e9b0c41',
		name: 'Ventas',
		description: null,
		stages: [
			{ id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'Nuevo lead', description: null },
			{ id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'Calificado', description: null },
		],
	},
	{
		id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		name: 'Soporte',
		stages: [{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f', name: 'Abierto' }],
	},
];
const MEMBERS = [
	{ id: 'e5f6a7b8-c9da-4ebf-8012-4c5d6e7f8091', name: 'Bruno Soto', email: 'bruno@example.com' },
	{
		id: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80',
		first_name: 'Ana',
		last_name: 'Pérez',
		email: null,
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Stage dropdown', () => {
	it('lists every stage of every pipeline as "Pipeline › Stage"', async () => {
		const scope = nock(VAMBE, { reqheaders: { 'x-api-key': SECRETS.vambeApi } })
			.get('/api/public/pipeline')
			.reply(200, PIPELINES);

		const { results } = await searchList('searchVambeStages');

		expect(results).toEqual([
			{ name: 'Ventas › Nuevo lead', value: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
			{ name: 'Ventas › Calificado', value: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' },
			{ name: 'Soporte › Abierto', value: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f' },
		]);
		scope.done();
	});

	it('filters by what the user types, ignoring case', async () => {
		nock(VAMBE).get('/api/public/pipeline').reply(200, PIPELINES);

		const { results } = await searchList('searchVambeStages', 'soporte');

		expect(results.map((result) => result.name)).toEqual(['Soporte › Abierto']);
	});

	it('uses the base URL of the credential', async () => {
		const scope = nock('https://proxy.example.com')
			.get('/vambe/api/public/pipeline')
			.reply(200, []);

		const { results } = await searchList('searchVambeStages', undefined, {
			vambeApi: { apiKey: SECRETS.vambeApi, baseUrl: 'https://proxy.example.com/vambe/' },
		});

		expect(results).toEqual([]);
		scope.done();
	});
});

describe('Agent dropdown', () => {
	it('lists team members by name with their e-mail, sorted', async () => {
		const scope = nock(VAMBE, { reqheaders: { 'x-api-key': SECRETS.vambeApi } })
			.get('/api/public/team-members/all')
			.reply(200, MEMBERS);

		const { results } = await searchList('searchVambeAgents');

		expect(results).toEqual([
			{ name: 'Ana Pérez', value: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80' },
			{ name: 'Bruno Soto (bruno@example.com)', value: 'e5f6a7b8-c9da-4ebf-8012-4c5d6e7f8091' },
		]);
		scope.done();
	});

	it('finds a member by e-mail', async () => {
		nock(VAMBE).get('/api/public/team-members/all').reply(200, MEMBERS);

		const { results } = await searchList('searchVambeAgents', 'BRUNO@');

		expect(results.map((result) => result.value)).toEqual(['e5f6a7b8-c9da-4ebf-8012-4c5d6e7f8091']);
	});
});

describe('a dropdown Vambe refuses', () => {
	it.each([
		['searchVambeStages', '/api/public/pipeline'],
		['searchVambeAgents', '/api/public/team-members/all'],
	])("%s says Vambe's own message and what to check, never the key", async (method, path) => {
		nock(VAMBE)
			.get(path)
			.reply(401, { statusCode: 401, message: `Invalid API key ${SECRETS.vambeApi}` });

		const failure: { message?: string; description?: string } = await searchList(method).then(
			() => ({ message: 'the dropdown did not fail' }),
			(error: unknown) => error as Error & { description?: string },
		);

		expect(failure.message).toBe('Vambe answered 401: Invalid API key [credential]');
		expect(failure.description).toBe('Check the API key in the Vambe credential.');
	});
});

describe('chosen stage and agent', () => {
	it('sends the values picked from the lists or typed by ID', async () => {
		const scope = nock(VAMBE)
			.post('/api/public/customer/upsert/info', {
				channel: 'webchat',
				channel_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
				external_user_id: 'user-1',
				stageId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
				agentId: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80',
			})
			.reply(201, { id: 'c1' });

		await runNode({
			parameters: {
				provider: 'vambe',
				vambeChannel: 'webchat',
				webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
				externalUserId: 'user-1',
				additionalFields: {
					stageId: { __rl: true, mode: 'list', value: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' },
					agentId: { __rl: true, mode: 'id', value: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80' },
				},
			},
		});

		scope.done();
	});

	it('leaves an empty choice out of the request', async () => {
		const scope = nock(VAMBE)
			.post('/api/public/customer/upsert/info', {
				channel: 'webchat',
				channel_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
				external_user_id: 'user-1',
			})
			.reply(201, { id: 'c1' });

		await runNode({
			parameters: {
				provider: 'vambe',
				vambeChannel: 'webchat',
				webchatChannelId: '0f8fad5b-d9cb-469f-a165-70867728950e',
				externalUserId: 'user-1',
				additionalFields: { stageId: { __rl: true, mode: 'list', value: '' } },
			},
		});

		scope.done();
	});
});
