import nock from 'nock';

import { SECRETS } from '../helpers/credentials';
import { searchList } from '../helpers/loadOptions';

// The Stage and Agent dropdowns, searched inside n8n-core's real LoadOptionsContext. What a
// chosen stage or agent sends is in fixtures/vambe/cases.json.

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

/** Each dropdown: its method, the list it reads, what Vambe answers, and what it shows. */
const DROPDOWNS = [
	{
		method: 'searchVambeStages',
		path: '/api/public/pipeline',
		answer: PIPELINES,
		lists: 'every stage of every pipeline as "Pipeline › Stage"',
		results: [
			{ name: 'Ventas › Nuevo lead', value: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
			{ name: 'Ventas › Calificado', value: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' },
			{ name: 'Soporte › Abierto', value: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f' },
		],
		filter: 'soporte',
		filtered: ['c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f'],
	},
	{
		method: 'searchVambeAgents',
		path: '/api/public/team-members/all',
		answer: MEMBERS,
		lists: 'team members by name with their e-mail, sorted',
		results: [
			{ name: 'Ana Pérez', value: 'd4e5f6a7-b8c9-4dae-9f01-3b4c5d6e7f80' },
			{ name: 'Bruno Soto (bruno@example.com)', value: 'e5f6a7b8-c9da-4ebf-8012-4c5d6e7f8091' },
		],
		filter: 'BRUNO@',
		filtered: ['e5f6a7b8-c9da-4ebf-8012-4c5d6e7f8091'],
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each(DROPDOWNS)('$method', (dropdown) => {
	it(`lists ${dropdown.lists}`, async () => {
		const scope = nock(VAMBE, { reqheaders: { 'x-api-key': SECRETS.vambeApi } })
			.get(dropdown.path)
			.reply(200, dropdown.answer);

		const { results } = await searchList(dropdown.method);

		expect(results).toEqual(dropdown.results);
		scope.done();
	});

	it(`filters by what the user types, ignoring case (${dropdown.filter})`, async () => {
		nock(VAMBE).get(dropdown.path).reply(200, dropdown.answer);

		const { results } = await searchList(dropdown.method, dropdown.filter);

		expect(results.map((result) => result.value)).toEqual(dropdown.filtered);
	});

	it('uses the base URL of the credential', async () => {
		const scope = nock('https://proxy.example.com').get(`/vambe${dropdown.path}`).reply(200, []);

		const { results } = await searchList(dropdown.method, undefined, {
			vambeApi: { apiKey: SECRETS.vambeApi, baseUrl: 'https://proxy.example.com/vambe/' },
		});

		expect(results).toEqual([]);
		scope.done();
	});

	it("says Vambe's own message and what to check when Vambe refuses, never the key", async () => {
		nock(VAMBE)
			.get(dropdown.path)
			.reply(401, { statusCode: 401, message: `Invalid API key ${SECRETS.vambeApi}` });

		const failure: { message?: string; description?: string } = await searchList(
			dropdown.method,
		).then(
			() => ({ message: 'the dropdown did not fail' }),
			(error: unknown) => error as Error & { description?: string },
		);

		expect(failure.message).toBe('Vambe answered 401: Invalid API key [credential]');
		expect(failure.description).toBe('Check the API key in the Vambe credential.');
	});
});
