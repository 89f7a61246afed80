import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { providers } from '../providers';
import type { VendorRequest } from '../providers/types';
import { maskDeep } from './masking';
import { requestOnOrigin } from './request';

/** What came back from a vendor, whatever the status. */
export interface VendorResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * The credential as n8n's request helper takes it ready-made. Without it the helper loads and
 * decrypts the credential again for every request, which dominates the cost of a large batch.
 */
export function decryptedCredential(
	context: IExecuteFunctions,
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
 * the secret is only ever read by n8n itself. Redirects never take the credential to another
 * origin (see {@link requestOnOrigin}). Every HTTP status resolves (the caller decides what is an
 * error and what is retried); only network failures, timeouts and refused redirects reject. The
 * response comes back with the credential's secrets masked, in case the vendor echoes them.
 */
export async function sendVendorRequest(
	context: IExecuteFunctions,
	credential: ICredentialsDecrypted,
	request: VendorRequest,
	timeout: number,
): Promise<VendorResponse> {
	const hasBody = Object.keys(request.body).length > 0;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		headers: { 'Content-Type': 'application/json', ...request.headers },
		// n8n drops an empty object body; vendors still expect a JSON document.
		body: hasBody ? request.body : '{}',
		json: true,
		timeout,
	};
	const provider = providers.find((candidate) => candidate.credentialType === credential.type);
	const data = credential.data ?? {};
	const response = await requestOnOrigin(
		context,
		{
			vendorName: provider?.displayName ?? credential.type,
			credentialType: credential.type,
			baseUrl: typeof data.baseUrl === 'string' ? data.baseUrl : '',
			credential,
		},
		options,
	);
	const secrets = (provider?.secretFields ?? [])
		.map((field) => data[field])
		.filter((value): value is string => typeof value === 'string');
	return {
		statusCode: response.statusCode,
		headers: maskDeep(response.headers, secrets),
		body: maskDeep(parseIfJsonText(response.body), secrets),
	};
}

/** Bodies sent with a non-JSON content type arrive as text; read them as JSON when they are. */
function parseIfJsonText(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}
