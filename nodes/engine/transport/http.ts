import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { redirectError } from '../errors';
import { maskDeepWithForms, secretForms } from '../masking';
import type { Provider, VendorRequest } from '../provider';
import { parseJsonExactly } from './json';
import { decideRedirect } from './redirects';

/** What came back from a vendor, whatever the status: the one response type of the transport. */
export interface VendorResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** The provider a request is for: named in errors, its credential's secrets masked in answers. */
export type ProviderSecrets = Pick<Provider<unknown>, 'displayName' | 'secretFields'>;

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The credential as n8n's request helper takes it ready-made. Without it the helper loads and
 * decrypts the credential again for every request, which dominates the cost of a large batch.
 */
export function decryptedCredential(
	context: Context,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): ICredentialsDecrypted {
	const reference = context.getNode().credentials?.[credentialType];
	return {
		id: reference?.id ?? '',
		name: reference?.name ?? credentialType,
		type: credentialType,
		data,
	};
}

/**
 * Sends one vendor request through n8n, which applies the credential's `authenticate` block, so
 * the secret is only ever read by n8n itself. Every HTTP status resolves (the caller decides what
 * is an error and what is retried); only network failures, timeouts, aborts and refused
 * redirects reject. The response comes back with the credential's secrets masked, in case the
 * vendor echoes them.
 *
 * n8n's helper would follow a redirect and carry the credential's header to whatever host a
 * `Location` names (`x-api-key` always; `Authorization` too, by n8n's default). Redirects on the
 * request's own origin are followed here instead, the credential applied again by n8n for that
 * origin only; any other redirect ends the request with an error naming where it pointed.
 */
export async function exchange(
	context: Context,
	provider: ProviderSecrets,
	credential: ICredentialsDecrypted,
	request: VendorRequest,
	timeout: number,
	abortSignal?: AbortSignal,
): Promise<VendorResponse> {
	let current: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		headers: request.headers,
		json: true,
		// Read as text and parsed here, so an ID beyond 2^53 keeps its digits (see json.ts).
		encoding: 'text',
		timeout,
		// A cancelled execution aborts the request in flight (n8n-core also sets its own).
		abortSignal,
	};
	if (request.method !== 'GET') {
		// n8n drops an empty object body; vendors still expect a JSON document.
		const hasBody = request.body !== undefined && Object.keys(request.body).length > 0;
		current.headers = { 'Content-Type': 'application/json', ...request.headers };
		current.body = hasBody ? request.body : '{}';
	}
	const data = credential.data ?? {};
	const forms = maskingForms(provider, credential);
	for (let hops = 0; ; hops++) {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credential.type,
			{
				...current,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			{ credentialsDecrypted: credential },
		)) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
		const headers = { ...(response.headers ?? {}) };
		const sentTo = current.url;
		const decision = decideRedirect(sentTo, response.statusCode, headers, hops);
		if (decision.action === 'accept') {
			return {
				statusCode: response.statusCode,
				headers: maskDeepWithForms(headers, forms),
				body: maskDeepWithForms(readBody(response.body), forms),
			};
		}
		if (decision.action === 'refuse') {
			const baseUrl = typeof data.baseUrl === 'string' ? data.baseUrl : '';
			throw redirectError(context.getNode(), {
				vendorName: provider.displayName,
				credentialName: credential.name,
				baseUrl,
				sentTo,
				statusCode: decision.statusCode,
				location: decision.location,
			});
		}
		// The Location is absolute and carries its own query.
		current = { ...current, url: decision.url, qs: undefined };
	}
}

/**
 * The forms of a run's credential secrets, computed once per credential object (one per run):
 * every answer is masked, a success body too, because with Simplify off it is the output item and
 * a vendor may echo the key in it. Held only as long as the run holds its credential.
 */
const formsByCredential = new WeakMap<ICredentialsDecrypted, readonly string[]>();

function maskingForms(
	provider: ProviderSecrets,
	credential: ICredentialsDecrypted,
): readonly string[] {
	let forms = formsByCredential.get(credential);
	if (!forms) {
		const data = credential.data ?? {};
		const secrets = provider.secretFields
			.map((field) => data[field])
			.filter((value): value is string => typeof value === 'string');
		forms = secretForms(secrets);
		formsByCredential.set(credential, forms);
	}
	return forms;
}

/**
 * An answer's body as the HTTP client's own JSON reading would give it (any text that parses as
 * JSON, whatever its content type; the text itself otherwise), but with IDs beyond 2^53 exact.
 */
function readBody(body: unknown): unknown {
	if (typeof body !== 'string' || body.trim() === '') return body;
	return parsedOr(body.trim(), body);
}

/** `text` read as JSON (IDs exact), or `fallback` when it is not JSON. */
function parsedOr(text: string, fallback: string): unknown {
	try {
		return parseJsonExactly(text);
	} catch {
		return fallback;
	}
}

/**
 * Bodies sent with a non-JSON content type arrive as text, and some vendors store a body as JSON
 * text: read them as JSON when they are an object or an array.
 */
export function parseJsonText(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	return parsedOr(trimmed, body);
}
