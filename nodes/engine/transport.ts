import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { maskDeep } from './masking';
import { requestOnOrigin } from './request';
import type { VendorIdentity, VendorRequest } from './vendorTypes';

/** What came back from a vendor, whatever the status. */
export interface VendorResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** The vendor a request is for: named in errors, its credential's secrets masked in answers. */
export interface VendorProfile extends VendorIdentity {
	/** Names of the credential's secret fields. */
	secretFields: readonly string[];
}

/**
 * The credential as n8n's request helper takes it ready-made. Without it the helper loads and
 * decrypts the credential again for every request, which dominates the cost of a large batch.
 */
export function decryptedCredential(
	context: IExecuteFunctions | ILoadOptionsFunctions,
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
 * error and what is retried); only network failures, timeouts, aborts and refused redirects reject. The
 * response comes back with the credential's secrets masked, in case the vendor echoes them.
 */
export async function sendVendorRequest(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	vendor: VendorProfile,
	credential: ICredentialsDecrypted,
	request: VendorRequest,
	timeout: number,
	abortSignal?: AbortSignal,
): Promise<VendorResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		headers: request.headers,
		json: true,
		timeout,
		// A cancelled execution aborts the request in flight (n8n-core also sets its own).
		abortSignal,
	};
	if (request.method !== 'GET') {
		// n8n drops an empty object body; vendors still expect a JSON document.
		const hasBody = request.body !== undefined && Object.keys(request.body).length > 0;
		options.headers = { 'Content-Type': 'application/json', ...request.headers };
		options.body = hasBody ? request.body : '{}';
	}
	const data = credential.data ?? {};
	const response = await requestOnOrigin(
		context,
		{
			vendorName: vendor.displayName,
			credentialType: credential.type,
			baseUrl: typeof data.baseUrl === 'string' ? data.baseUrl : '',
			credential,
		},
		options,
	);
	const secrets = vendor.secretFields
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
