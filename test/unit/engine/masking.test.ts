import fc from 'fast-check';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { MASK, maskDeep, maskSecrets, MIN_SECRET_LENGTH } from '../../../nodes/engine/masking';
import { testCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { guardUnmatchedRequests } from '../helpers/vendorHttp';
import { UPSERT_TABLE } from '../helpers/upsertCases';

/**
 * The forms a vendor may echo a secret in, written independently of the module: as saved,
 * trimmed, JSON-escaped, URL-encoded (spaces as %20 or +), HTML-escaped.
 */
function echoedForms(secret: string): string[] {
	const forms = new Set<string>();
	for (const base of [secret, secret.trim()]) {
		forms.add(base);
		forms.add(JSON.stringify(base).slice(1, -1));
		forms.add(encodeURIComponent(base));
		forms.add(encodeURIComponent(base).replace(/%20/g, '+'));
		forms.add(
			base
				.replace(/&/g, '&amp;')
				.replace(/"/g, '&quot;')
				.replace(/</g, '&lt;')
				.replace(/>/g, '&gt;'),
		);
	}
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Every string in a value, keys included: what a user could read. */
function strings(value: unknown, found: string[] = [], seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') found.push(value);
	else if (typeof value === 'number') found.push(String(value));
	else if (value && typeof value === 'object' && !seen.has(value)) {
		seen.add(value);
		for (const [key, entry] of Object.entries(value)) {
			found.push(key);
			strings(entry, found, seen);
		}
		if (value instanceof Error) {
			strings(value.message, found, seen);
			strings((value as { cause?: unknown }).cause, found, seen);
		}
	}
	return found;
}

function leaks(value: unknown, secret: string): string[] {
	const forms = echoedForms(secret);
	return strings(value).filter((text) => forms.some((form) => text.includes(form)));
}

const SPECIALS = [
	'"',
	'\\',
	"'",
	' ',
	'\t',
	'/',
	'&',
	'<',
	'%',
	'+',
	'|',
	'é',
	'🔑',
	'ñ',
	'\u00a0',
];

/** Secret text of any kind: printable, quotes, backslashes, unicode, surrounding spaces. */
const anySecret = fc
	.tuple(
		fc.stringMatching(/^ {0,3}$/),
		fc.array(
			fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'grapheme', maxLength: 3 })),
			{
				minLength: 1,
				maxLength: 12,
			},
		),
		fc.stringMatching(/^ {0,3}$/),
	)
	.map(([before, parts, after]) => `${before}${parts.join('')}${after}`)
	.filter((secret) => secret.trim().length >= MIN_SECRET_LENGTH);

/** What n8n can send in a header: Latin-1 without control characters. */
const headerSecret = fc
	.tuple(
		fc.stringMatching(/^ {0,2}$/),
		fc.array(
			fc.oneof(
				fc.constantFrom('"', '\\', "'", ' ', '/', '&', '<', '%', '+', '|', 'é', 'ñ'),
				fc.stringMatching(/^[\x21-\x7e]{1,4}$/),
			),
			{ minLength: 2, maxLength: 10 },
		),
		fc.stringMatching(/^ {0,2}$/),
	)
	.map(([before, parts, after]) => `${before}${parts.join('')}${after}`)
	.filter((secret) => secret.trim().length >= MIN_SECRET_LENGTH && secret.trim() === secret.trim());

const formOf = (secret: string) => fc.constantFrom(...echoedForms(secret));

describe('maskSecrets and maskDeep', () => {
	it('leave no form of any secret in a text that echoes it', () => {
		fc.assert(
			fc.property(
				anySecret.chain((secret) => fc.tuple(fc.constant(secret), formOf(secret))),
				fc.string({ maxLength: 20 }),
				fc.string({ maxLength: 20 }),
				([secret, form], before, after) => {
					const masked = maskSecrets(`${before}${form}${after}${form}`, [secret]);
					expect(leaks(masked, secret)).toEqual([]);
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('leave no form of any secret in the strings and keys of an object', () => {
		fc.assert(
			fc.property(
				anySecret.chain((secret) => fc.tuple(fc.constant(secret), formOf(secret))),
				([secret, form]) => {
					const value = {
						message: `Invalid key ${form}`,
						[form]: [form, { nested: `x${form}y` }],
						asJson: JSON.stringify({ key: secret }),
					};
					expect(leaks(maskDeep(value, [secret]), secret)).toEqual([]);
				},
			),
			{ numRuns: 500 },
		);
	});

	it("masks a Sanctum token's plaintext echoed without its id, in every form", () => {
		fc.assert(
			fc.property(
				fc.nat({ max: 99_999 }),
				anySecret.chain((plaintext) => fc.tuple(fc.constant(plaintext), formOf(plaintext))),
				(id, [plaintext, form]) => {
					const token = `${id}|${plaintext}`;
					const masked = maskSecrets(`{"message":"Token ${form} is invalid"}`, [token]);
					expect(leaks(masked, plaintext)).toEqual([]);
				},
			),
			{ numRuns: 500 },
		);
	});

	it('masks a secret echoed upper- or lower-cased', () => {
		fc.assert(
			fc.property(
				anySecret,
				fc.constantFrom<(text: string) => string>(
					(text) => text.toUpperCase(),
					(text) => text.toLowerCase(),
				),
				(secret, recase) => {
					const echoed = recase(secret);
					const masked = maskSecrets(`bad key ${echoed}.`, [secret]);
					expect(leaks(masked, echoed)).toEqual([]);
				},
			),
			{ numRuns: 500 },
		);
	});

	it('masks with a readable mark and leaves other text alone', () => {
		expect(maskSecrets('key "ab\\"cd" refused', ['ab"cd'])).toBe(`key "${MASK}" refused`);
		expect(maskSecrets('token abcd refused', ['  abcd  '])).toBe(`token ${MASK} refused`);
		expect(maskDeep({ a: 1, b: [true, null], c: 'plain' }, ['secret'])).toEqual({
			a: 1,
			b: [true, null],
			c: 'plain',
		});
	});

	it('ignores values too short to mask safely', () => {
		expect(maskSecrets('a b c abc', ['abc', '  ab  '])).toBe('a b c abc');
	});

	it('never ends with the secret when it overlaps the mark itself', () => {
		for (const secret of ['cred', 'l]ab', '[credential]', 'ab[credential]']) {
			const masked = maskSecrets(`x${secret}${secret}ab${secret}y`, [secret]);
			expect(masked).not.toContain(secret);
		}
	});
});

guardUnmatchedRequests();

describe.each(UPSERT_TABLE)('%s: a secret the vendor echoes is never shown', (_provider, entry) => {
	const credentials = (secret: string) => ({
		...testCredentials,
		[entry.credentialType]: {
			...testCredentials[entry.credentialType],
			[entry.secretField]: secret,
		},
	});
	const echo = (form: string): IDataObject => ({
		message: `Invalid key ${form}`,
		error: form,
		errors: { [form]: [`${form} is not valid`] },
	});

	it('in error items, the thrown error and its response', async () => {
		await fc.assert(
			fc.asyncProperty(
				headerSecret.chain((secret) => fc.tuple(fc.constant(secret), formOf(secret))),
				async ([secret, form]) => {
					nock(entry.origin)
						.post(entry.path)
						.query(true)
						.reply(401, echo(form))
						.post(entry.path)
						.query(true)
						.reply(400, `<html><title>Bad key ${form}</title></html>`, {
							'Content-Type': 'text/html',
						});

					const output = await runNode({
						parameters: { ...entry.parameters, options: { maxRetries: 0, concurrency: 1 } },
						items: [entry.item, entry.item],
						credentials: credentials(secret),
						onError: 'continueRegularOutput',
					});
					const thrown = await runNode({
						parameters: { ...entry.parameters, options: { maxRetries: 0 } },
						items: [entry.item],
						credentials: credentials(secret),
					}).catch((error: unknown) => error);
					nock.cleanAll();

					expect(output[0]).toHaveLength(2);
					expect(leaks(output, secret)).toEqual([]);
					expect(thrown).toBeInstanceOf(Error);
					const { message, description, errorResponse, messages } = thrown as IDataObject;
					expect(leaks({ message, description, errorResponse, messages }, secret)).toEqual([]);
				},
			),
			{ numRuns: 20 },
		);
	}, 120_000);

	it('in output items, raw or simplified', async () => {
		await fc.assert(
			fc.asyncProperty(
				headerSecret.chain((secret) => fc.tuple(fc.constant(secret), formOf(secret))),
				fc.boolean(),
				async ([secret, form], simplify) => {
					nock(entry.origin)
						.post(entry.path)
						.query(true)
						.reply(200, { ...entry.success, ...echo(form) });

					const output = await runNode({
						parameters: { ...entry.parameters, simplify, options: { maxRetries: 0 } },
						items: [entry.item],
						credentials: credentials(secret),
					});
					nock.cleanAll();

					expect(output[0]).toHaveLength(1);
					expect(leaks(output, secret)).toEqual([]);
				},
			),
			{ numRuns: 20 },
		);
	}, 120_000);
});
