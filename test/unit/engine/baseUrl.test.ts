import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import { baseUrlProblem } from '../../../nodes/engine/url';
import { findProvider } from '../../../nodes/providers';
import { credentialTypes, SECRETS, testCredentials } from '../helpers/credentials';
import { loadOptionsOf } from '../helpers/loadOptions';
import { runNode } from '../helpers/runNode';
import { UPSERT_CASES } from '../helpers/upsertCases';
import { everythingIn, guardUnmatchedRequests, runExpectingError } from '../helpers/vendorHttp';

const unmatched = guardUnmatchedRequests();

/** Roots a user may enter: the vendor's host, a proxy with a path prefix, a local http one. */
const ACCEPTED = [
	'https://api.vambe.me',
	'https://api.vambe.me/',
	'  https://app.chatbotx.io/api  ',
	'HTTPS://APP.HYPERSENDER.COM',
	'http://10.0.0.5:8080/proxy/rampwin/',
	'https://xn--bcher-kva.example/api',
];

/** Base URLs that would send something other than what the user meant, and what the node says. */
const REFUSED: Array<[string, string]> = [
	['api.vambe.me', 'is not an http(s) URL'],
	['ftp://api.vambe.me', 'is not an http(s) URL'],
	['https:///api', 'is not an http(s) URL'],
	['https://api vambe.me', 'is not an http(s) URL'],
	['https://[::1', 'is not an http(s) URL'],
	['https://user:pass@api.vambe.me', 'has a user name or password in it'],
	['https://api.vambe.me@attacker.example', 'has a user name or password in it'],
	['https://:secret@api.vambe.me/', 'has a user name or password in it'],
	['https://api.vambe.me/?key=1', 'has a query (?…) in it'],
	['https://api.vambe.me?', 'has a query (?…) in it'],
	['https://app.chatbotx.io/api?workspace=7#top', 'has a query (?…) in it'],
	['https://api.rampwin.com/#/docs', 'has a fragment (#…) in it'],
	['https://api.rampwin.com#', 'has a fragment (#…) in it'],
];

describe('Base URL check', () => {
	it.each(ACCEPTED)('accepts %j', (baseUrl) => {
		expect(baseUrlProblem(baseUrl)).toBeUndefined();
	});

	it.each(REFUSED)('refuses %j: it %s', (baseUrl, problem) => {
		expect(baseUrlProblem(baseUrl)).toBe(problem);
	});

	const runs = UPSERT_CASES.flatMap((upsert) =>
		REFUSED.map(([baseUrl, problem]) => ({ upsert, baseUrl, problem })),
	);

	it.each(runs)(
		'$upsert.provider with Base URL $baseUrl: the run stops before any request, naming the problem',
		async ({ upsert, baseUrl, problem }) => {
			const credentialType = upsert.credentialType;
			const secret = SECRETS[credentialType];
			const error = await runExpectingError({
				parameters: upsert.parameters,
				items: [upsert.item],
				credentials: { [credentialType]: { ...testCredentials[credentialType], baseUrl } },
			});

			const name = findProvider(upsert.provider)?.displayName;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(`The ${name} credential's Base URL ${problem}`);
			expect(error.description).toContain('enter only the root of the API');
			expect(everythingIn(error)).not.toContain(secret);
			expect(unmatched).toEqual([]);
		},
	);

	it.each(UPSERT_CASES)(
		'$provider still sends to a Base URL with a path prefix',
		async (upsert) => {
			const credentialType = upsert.credentialType;
			// The vendor's default root (ChatbotX's ends in /api) behind a proxy's path prefix.
			const defaultRoot = credentialTypes[credentialType].properties.find(
				(property) => property.name === 'baseUrl',
			)?.default as string;
			const baseUrl = `${upsert.origin}/proxy${new URL(defaultRoot).pathname}`;
			const paths: string[] = [];
			nock(upsert.origin)
				.post(/.*/)
				.reply(function () {
					paths.push(this.req.path);
					return [200, upsert.success];
				});

			const output = await runNode({
				parameters: upsert.parameters,
				items: [upsert.item],
				credentials: { [credentialType]: { ...testCredentials[credentialType], baseUrl } },
			});

			expect(output[0]).toHaveLength(1);
			expect(paths.map((path) => path.split('?')[0])).toEqual([`/proxy${upsert.path}`]);
			expect(unmatched).toEqual([]);
		},
	);

	it.each([
		['vambe', 'getVambeTags'],
		['chatbotx', 'getChatbotxTags'],
	])(
		'the %s dropdown %s refuses a Base URL with a query before sending',
		async (provider, method) => {
			const credentialType = `${provider}Api`;
			const baseUrl = 'https://api.example.com/?token=1';
			const load = loadOptionsOf(method, provider, {
				...testCredentials,
				[credentialType]: { ...testCredentials[credentialType], baseUrl },
			});

			await expect(load).rejects.toThrow(/credential's Base URL has a query \(\?…\) in it$/);
			expect(unmatched).toEqual([]);
		},
	);
});
