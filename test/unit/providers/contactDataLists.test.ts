import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';

import { SECRETS } from '../helpers/credentials';
import { loadOptionsOf } from '../helpers/loadOptions';

const CHATBOTX = 'https://app.chatbotx.io';
const VAMBE = 'https://api.vambe.me';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function tags(from: number, count: number) {
	return Array.from({ length: count }, (_, index) => ({
		id: String(from + index),
		name: `Tag ${String(from + index).padStart(3, '0')}`,
		color: 'blue',
		emoji: null,
	}));
}

describe('ChatbotX Tags dropdown', () => {
	it('reads every page (50 a page) until a short one, and lists the tags by name', async () => {
		const scope = nock(CHATBOTX, { reqheaders: { authorization: `Bearer ${SECRETS.chatbotxApi}` } })
			.get('/api/v1/tags')
			.query({ page: '1', perPage: '50' })
			.reply(200, { data: tags(100, 50) })
			.get('/api/v1/tags')
			.query({ page: '2', perPage: '50' })
			.reply(200, { data: tags(150, 3) });

		const options = await loadOptionsOf('getChatbotxTags', 'chatbotx');

		scope.done();
		expect(options).toHaveLength(53);
		expect(options[0]).toEqual({ name: 'Tag 100', value: '100' });
		expect(options[52]).toEqual({ name: 'Tag 152', value: '152' });
	});

	it('stops when a server ignores the page number and sends the same page again', async () => {
		const scope = nock(CHATBOTX)
			.get('/api/v1/tags')
			.query(true)
			.times(2)
			.reply(200, { data: tags(100, 50) });

		const options = await loadOptionsOf('getChatbotxTags', 'chatbotx');

		scope.done();
		expect(options).toHaveLength(50);
	});

	it('lists custom fields with their type', async () => {
		nock(CHATBOTX)
			.get('/api/v1/custom-fields')
			.query({ page: '1', perPage: '50' })
			.reply(200, { data: [{ id: '301', name: 'Plan', type: 'text', folderId: null }] });

		expect(await loadOptionsOf('getChatbotxCustomFields', 'chatbotx')).toEqual([
			{ name: 'Plan', value: '301', description: 'Type: text' },
		]);
	});

	it("shows ChatbotX's reason when the list is refused", async () => {
		nock(CHATBOTX).get('/api/v1/tags').query(true).reply(403, {
			defined: true,
			code: 'FORBIDDEN',
			status: 403,
			message: 'Missing scope: contacts',
		});

		const error = await loadOptionsOf('getChatbotxTags', 'chatbotx').catch((caught) => caught);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ChatbotX answered 403: Missing scope: contacts');
	});
});

describe('Vambe Tags dropdown', () => {
	it('lists the contact tags by name, with their numeric IDs', async () => {
		nock(VAMBE, { reqheaders: { 'x-api-key': SECRETS.vambeApi } })
			.get('/api/public/tags')
			.reply(200, [
				{ id: 12, value: 'Zona sur', entity_type: 'CONTACT' },
				{ id: 13, value: 'Urgente', entity_type: 'TICKET' },
				{ id: 11, value: 'Cliente VIP', entity_type: 'CONTACT' },
			]);

		expect(await loadOptionsOf('getVambeTags', 'vambe')).toEqual([
			{ name: 'Cliente VIP', value: 11 },
			{ name: 'Zona sur', value: 12 },
		]);
	});
});
