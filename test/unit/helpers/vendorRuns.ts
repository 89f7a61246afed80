import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { providers } from '../../../nodes/providers';
import { SECRETS, testCredentials } from './credentials';
import { exists, readJson } from './repository';
import { UPSERT_CASES } from './upsertCases';
import { guardUnmatchedRequests, interceptRequests, type Endpoint, type Reply } from './vendorHttp';

/** What the vendor receives for one item: path with query, and the JSON body. */
export interface Received {
	uri: string;
	body: IDataObject;
}

/**
 * One vendor in a whole run of the node: two items a user maps from the input, what the vendor
 * receives and answers for each, one item it cannot take, and one refusal. The runs in
 * `test/unit/providers/nodeRuns.test.ts` prove with these what needs n8n's own context
 * (credentials, expressions per item, pairing, continue on fail, retries); the vendor's pure
 * functions have their own tables. Written as data in `test/unit/fixtures/<provider>/run.json`.
 */
export interface VendorRun {
	provider: string;
	displayName: string;
	secret: string;
	/** Every upsert must carry these headers (and none of `badheaders`) to be answered at all. */
	endpoint: Endpoint;
	/** Parameters reading each item's `contact` and `name` by expression. */
	parameters: INodeParameters;
	items: [IDataObject, IDataObject];
	received: [Received, Received];
	answers: [IDataObject, IDataObject];
	/** The simplified output item for each answer. */
	outputs: [IDataObject, IDataObject];
	/** An item refused before sending, as the second of three, and the error its item shows. */
	invalid: { item: IDataObject; message: string; label: string };
	refusal: { status: number; body: unknown; message: string; description: string };
	/** A 503 answer, retried while Max Retries allow. */
	unavailable: unknown;
	/** A credential whose Base URL has a path prefix and a trailing slash, and where item 0 goes. */
	proxy: {
		credentials: Record<string, ICredentialDataDecryptedObject>;
		origin: string;
		uri: string;
	};
	/** Values an expression hands over as objects, numbers or booleans, and the body sent. */
	typed?: { maps: string; parameters: INodeParameters; item: IDataObject; body: IDataObject };
}

/** An answer in run.json: a fixture file of the vendor's, or a body written out. */
interface Answer {
	fixture?: string;
	body?: unknown;
}

/** run.json as written: the endpoint without the credential, answers by fixture file. */
interface RunFile
	extends Omit<
		VendorRun,
		| 'provider'
		| 'displayName'
		| 'secret'
		| 'endpoint'
		| 'answers'
		| 'refusal'
		| 'unavailable'
		| 'proxy'
	> {
	origin: string;
	path?: string;
	/** A regular expression, for a vendor whose path carries the contact. */
	pathPattern?: string;
	query?: Record<string, string>;
	/** Headers every request carries besides the credential's. */
	headers: Record<string, string>;
	badheaders: string[];
	answers: [string, string];
	refusal: Omit<VendorRun['refusal'], 'body'> & Answer;
	unavailable: Answer;
	proxy: { baseUrl: string; origin: string; uri: string };
}

function vendorRun(provider: string, displayName: string): VendorRun {
	const folder = `test/unit/fixtures/${provider}`;
	const answer = ({ fixture, body }: Answer) =>
		fixture === undefined ? body : readJson(`${folder}/${fixture}`);
	if (!exists(`${folder}/run.json`)) {
		throw new Error(`${folder}/run.json is missing: every provider has its whole-run case`);
	}
	const file = readJson(`${folder}/run.json`) as RunFile;
	const { origin, path, pathPattern, query, headers, badheaders, refusal, proxy, ...run } = file;
	const upsert = UPSERT_CASES.find((entry) => entry.provider === provider);
	if (!upsert) throw new Error(`No upsert case for ${provider}`);
	const secret = SECRETS[upsert.credentialType];
	return {
		...run,
		provider,
		displayName,
		secret,
		endpoint: {
			origin,
			path: pathPattern === undefined ? String(path) : new RegExp(pathPattern),
			...(query === undefined ? {} : { query }),
			reqheaders: { [upsert.authHeader]: upsert.authValue(secret), ...headers },
			badheaders,
		},
		answers: file.answers.map((fixture) => answer({ fixture })) as VendorRun['answers'],
		refusal: { ...refusal, body: answer(refusal) },
		unavailable: answer(file.unavailable),
		proxy: {
			credentials: {
				[upsert.credentialType]: {
					...testCredentials[upsert.credentialType],
					baseUrl: proxy.baseUrl,
				},
			},
			origin: proxy.origin,
			uri: proxy.uri,
		},
	};
}

/** Every provider's whole-run case, in registry order. */
export const VENDOR_RUNS: VendorRun[] = providers.map((provider) =>
	vendorRun(provider.id, provider.displayName),
);

/**
 * One vendor's whole-run case with an interceptor for its endpoint (parts of it may be
 * replaced), for the runs only that vendor needs. Guards against unmatched requests.
 */
export function wholeRunOf(provider: string) {
	const vendor = VENDOR_RUNS.find((run) => run.provider === provider);
	if (!vendor) throw new Error(`No whole-run case for ${provider}`);
	const unmatched = guardUnmatchedRequests();
	const intercept = (replies: Reply[], endpoint: Partial<Endpoint> = {}) =>
		interceptRequests({ ...vendor.endpoint, ...endpoint }, replies);
	return { vendor, unmatched, intercept };
}
