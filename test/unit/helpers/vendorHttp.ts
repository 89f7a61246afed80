import nock from 'nock';
import type { INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runNode, type RunInput } from './runNode';

/** A request nock answered: its URI (path and query), headers and parsed body. */
export interface SentRequest {
	uri: string;
	headers: Record<string, unknown>;
	body: unknown;
}

/** One answer of an interceptor. */
export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** What a vendor endpoint requires of every request, for interceptRequests(). */
export interface Endpoint {
	origin: string;
	path: string | RegExp;
	/** The exact query (nock matches it as a whole); none when omitted. */
	query?: Record<string, string>;
	/** Headers a request must carry to match at all (the credential's, the content type). */
	reqheaders: Record<string, string>;
	/** Headers a request must not carry (another vendor's authentication, cookies). */
	badheaders: string[];
}

/**
 * Answers POSTs to one vendor endpoint in order, one reply per request, and records each
 * request, so a test can compare the body exactly and `scope.done()` proves every reply was used.
 */
export function interceptRequests(endpoint: Endpoint, replies: Reply[]) {
	const sent: SentRequest[] = [];
	const scope = nock(endpoint.origin, {
		reqheaders: endpoint.reqheaders,
		badheaders: endpoint.badheaders,
	});
	for (const reply of replies) {
		const post = scope.post(endpoint.path);
		(endpoint.query ? post.query(endpoint.query) : post).reply(function (uri, body) {
			sent.push({ uri, headers: this.req.headers, body });
			return [reply.status, reply.body as nock.Body, reply.headers ?? {}];
		});
	}
	return { scope, sent };
}

/** One reply repeated: what a test of a single upsert sets (all optional). */
export interface ReplyOptions {
	origin?: string;
	path?: string;
	status?: number;
	response?: unknown;
	responseHeaders?: Record<string, string>;
	/** How many requests to answer (default 1); more shows whether a request was repeated. */
	times?: number;
}

/** The replies ReplyOptions describe: `times` copies of one answer (`response` or `body`). */
export function repeatedReply(options: ReplyOptions, body: unknown): Reply[] {
	const reply = {
		status: options.status ?? 200,
		body: options.response ?? body,
		headers: options.responseHeaders,
	};
	return Array.from({ length: options.times ?? 1 }, () => reply);
}

/**
 * Blocks real network access for each test and collects requests that reached nock without a
 * matching interceptor (none may leave the process). The returned list is emptied before each
 * test: `expect(unmatched).toEqual([])`.
 */
export function guardUnmatchedRequests(): unknown[] {
	const unmatched: unknown[] = [];
	const record = (request: unknown) => unmatched.push(request);
	beforeEach(() => {
		unmatched.length = 0;
		nock.disableNetConnect();
		nock.emitter.on('no match', record);
	});
	afterEach(() => {
		nock.emitter.removeListener('no match', record);
		nock.cleanAll();
		nock.enableNetConnect();
	});
	return unmatched;
}

/** An item error as the node throws it (without "continue on fail"). */
export type ItemError = NodeOperationError | NodeApiError;

/** Runs the node and resolves the error it throws; fails the test when it succeeds. */
export async function runExpectingError(input: RunInput): Promise<ItemError> {
	try {
		await runNode(input);
	} catch (error) {
		return error as ItemError;
	}
	throw new Error('The node returned output instead of failing');
}

/** Everything an error or output carries, own non-enumerable properties and causes included. */
export function everythingIn(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, current: unknown) => {
		if (current && typeof current === 'object') {
			if (seen.has(current)) return '[already shown]';
			seen.add(current);
			if (current instanceof Error) {
				const record = current as unknown as Record<string, unknown>;
				return Object.fromEntries(
					Object.getOwnPropertyNames(current).map((name) => [name, record[name]]),
				);
			}
		}
		return current;
	});
}

/**
 * Rampwin parameters that read each item's `phone` and `name`, with the given Options: the run
 * the item-loop tests drive.
 */
export function rampwinItemParameters(options: INodeParameters = {}): INodeParameters {
	return {
		provider: 'rampwin',
		rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
		phoneNumber: '={{ $json.phone }}',
		additionalFields: { firstName: '={{ $json.name }}' },
		options,
	};
}

/** ChatbotX parameters that upsert by `identifier` (a value or an expression), with these Options. */
export function chatbotxParameters(
	identifier: string,
	options: INodeParameters = {},
): INodeParameters {
	return { provider: 'chatbotx', identifier, options };
}
