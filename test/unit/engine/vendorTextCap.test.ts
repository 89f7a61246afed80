import fc from 'fast-check';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import {
	MAX_DETAILS_LENGTH,
	MAX_MESSAGE_LENGTH,
	quoteVendorText,
} from '../../../nodes/engine/vendorMessage';
import { runNode } from '../helpers/runNode';
import { guardUnmatchedRequests } from '../helpers/vendorHttp';
import { UPSERT_TABLE } from '../helpers/upsertCases';

const TWO_MB = 2 * 1024 * 1024;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('quoteVendorText', () => {
	it('keeps text up to the limit and cuts longer text, saying how long it was', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme', maxLength: 80 }),
				fc.integer({ min: 1, max: 60 }),
				(text, max) => {
					const characters = Array.from(text);
					const quoted = quoteVendorText(text, max);
					if (characters.length <= max) {
						expect(quoted).toBe(text);
						return;
					}
					expect(quoted).toBe(
						`${characters.slice(0, max).join('')}… (${characters.length.toLocaleString('en-US')} characters, cut)`,
					);
					expect(LONE_SURROGATE.test(quoted)).toBe(false);
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('writes the length with thousands separators', () => {
		expect(quoteVendorText('x'.repeat(TWO_MB), 3)).toBe('xxx… (2,097,152 characters, cut)');
	});
});

guardUnmatchedRequests();

describe.each(UPSERT_TABLE)('%s: a 2 MB vendor text becomes a short error', (_provider, entry) => {
	const huge = 'Invalid value. '.repeat(TWO_MB / 16).padEnd(TWO_MB, '!');

	async function failedItem(
		status: number,
		body: unknown,
		headers: IDataObject = {},
		maxRetries = 0,
	) {
		nock(entry.origin)
			.post(entry.path)
			.query(true)
			.reply(status, body as nock.Body, headers as Record<string, string>);
		const [output] = await runNode({
			parameters: { ...entry.parameters, options: { maxRetries } },
			items: [entry.item],
			onError: 'continueRegularOutput',
		});
		return output[0].json;
	}

	it('in the message, the description and the error response', async () => {
		nock(entry.origin)
			.post(entry.path)
			.query(true)
			.reply(422, { message: huge, errors: { email: [huge] }, code: huge });

		const thrown = (await runNode({
			parameters: { ...entry.parameters, options: { maxRetries: 0 } },
			items: [entry.item],
		}).catch((error: unknown) => error)) as IDataObject;

		expect(thrown.message).toContain('Invalid value. Invalid value.');
		expect(thrown.message).toContain('… (2,097,152 characters, cut)');
		const { message, description, errorResponse, messages } = thrown;
		const shown = JSON.stringify({ message, description, errorResponse, messages });
		expect(shown.length).toBeLessThan(4 * (MAX_MESSAGE_LENGTH + MAX_DETAILS_LENGTH));
	});

	it('in an error item, keeping what the node adds after the quote', async () => {
		// With a retry left, a wait longer than the node accepts ends the item at once.
		const item = await failedItem(429, { message: huge }, { 'Retry-After': '3600' }, 1);

		expect(String(item.error)).toMatch(
			/… \(2,097,152 characters, cut\) \(asked to wait 3600 s, longer than what is left of Options → Max Wait for Rate Limits \(600 s\)\)$/,
		);
		expect(JSON.stringify(item).length).toBeLessThan(MAX_MESSAGE_LENGTH + MAX_DETAILS_LENGTH);
	});

	it('for a success answer that is not JSON', async () => {
		const item = await failedItem(200, huge, { 'Content-Type': 'text/plain' });

		expect(String(item.error)).toContain('characters, cut)');
		expect(JSON.stringify(item).length).toBeLessThan(MAX_MESSAGE_LENGTH + MAX_DETAILS_LENGTH);
	});
});
