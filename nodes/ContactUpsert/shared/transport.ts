import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { VendorRequest } from './vendorTypes';

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
 * the secret is only ever read by n8n itself. Every HTTP status resolves (the caller decides what
 * is an error and what is retried); only network failures, timeouts and aborts reject.
 */
export async function sendVendorRequest(
	context: IExecuteFunctions | ILoadOptionsFunctions,
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
		// A cancelled execution aborts the request in flight (newer n8n versions set this too).
		abortSignal,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.method !== 'GET') {
		// n8n drops an empty object body; vendors still expect a JSON document.
		const hasBody = request.body !== undefined && Object.keys(request.body).length > 0;
		options.headers = { 'Content-Type': 'application/json', ...request.headers };
		options.body = hasBody ? request.body : '{}';
	}
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		credential.type,
		options,
		{ credentialsDecrypted: credential },
	)) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
	return {
		statusCode: response.statusCode,
		headers: { ...(response.headers ?? {}) },
		body: parseIfJsonText(response.body),
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
