import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { vendorApiError } from './errors';
import type { Provider } from './provider';
import { decryptedCredential, sendVendorRequest } from './transport';
import { joinUrl } from './url';

/** How long a dropdown waits for the vendor before giving up. */
const LIST_TIMEOUT_MS = 30_000;

/**
 * GETs a vendor's list through the same transport as the upserts (the credential applied by n8n,
 * every status answered, the vendor's own message lifted out of a refusal).
 */
export async function getList(
	context: ILoadOptionsFunctions,
	provider: Provider<unknown>,
	path: string,
	qs?: IDataObject,
): Promise<unknown> {
	const credentials = await context.getCredentials(provider.credentialType);
	const credential = decryptedCredential(context, provider.credentialType, credentials);
	const url = joinUrl(provider.connection(credentials).baseUrl, path);
	const response = await sendVendorRequest(
		context,
		provider,
		credential,
		{ method: 'GET', url, ...(qs ? { qs } : {}) },
		LIST_TIMEOUT_MS,
	);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const vendorError = provider.describeError(response.statusCode, response.body);
		throw vendorApiError(context.getNode(), provider, response.statusCode, vendorError, 0, 1);
	}
	return response.body;
}
