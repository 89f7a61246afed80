import nock from 'nock';

import { SECRETS } from '../helpers/credentials';
import { searchList } from '../helpers/loadOptions';
import { readJson } from '../helpers/repository';

// The Stage and Agent dropdowns, searched inside n8n-core's real LoadOptionsContext. What a
// chosen stage or agent sends is in fixtures/vambe/cases.json.

const VAMBE = 'https://api.vambe.me';

/** Each dropdown: its method, the list it reads, what Vambe answers, and what it shows. */
interface Dropdown {
	method: string;
	path: string;
	answer: unknown[];
	lists: string;
	results: Array<{ name: string; value: string }>;
	filter: string;
	filtered: string[];
}
const DROPDOWNS = readJson('test/unit/fixtures/vambe/dropdowns.json') as Dropdown[];

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

		expect(results.map((result) => result.name)).toEqual(dropdown.filtered);
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
