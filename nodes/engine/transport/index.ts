import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { baseUrlError, vendorApiError } from '../errors';
import type { Provider } from '../provider';
import type { AccountScheduler } from '../scheduler/registry';
import { systemClock } from '../scheduler/clock';
import { Slots } from '../scheduler/slots';
import { baseUrlProblem, joinUrl } from '../url';
import { decryptedCredential, exchange } from './http';
import type { Sender } from './send';

/**
 * The transport: everything between a built request and a vendor's settled answer. One way in
 * for the item loop ({@link openSender} then {@link sendWithRetries}) and one for dropdowns
 * ({@link getList}); one response type ({@link VendorResponse}). Inside: `http.ts` (n8n's
 * helper, same-origin redirects, masking), `redirects.ts` (which redirects to follow),
 * `retry.ts` (what is retried and how long to wait), `send.ts` (the retry and rate-limit loop).
 */
export { parseJsonText, type VendorResponse } from './http';
export { backoffDelay, MAX_RETRY_AFTER_VALUE_MS, parseRetryAfter } from './retry';
export {
	rateLimitAllowance,
	sendWithRetries,
	type RateLimitAllowance,
	type Sender,
	type SendLimits,
	type ProviderAnswers,
} from './send';

/** How long a dropdown waits for the vendor before giving up. */
const LIST_TIMEOUT_MS = 30_000;

/**
 * The sender of one run: its requests go through n8n with the run's credential (decrypted once),
 * share the vendor account's budget, and at most `concurrency` of them are in flight at once.
 */
export function openSender(
	context: IExecuteFunctions,
	provider: Provider<unknown>,
	credentials: ICredentialDataDecryptedObject,
	account: AccountScheduler,
	concurrency: number,
	signal: AbortSignal | undefined,
): Sender {
	const credential = decryptedCredential(context, provider.credentialType, credentials);
	return {
		node: context.getNode(),
		provider,
		transmit: async (request, timeout, abortSignal) =>
			await exchange(context, provider, credential, request, timeout, abortSignal),
		budget: account.budget,
		slots: new Slots(concurrency),
		clock: systemClock,
		signal,
	};
}

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
	const { baseUrl } = provider.connection(credentials);
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw baseUrlError(context.getNode(), provider, problem);
	const url = joinUrl(baseUrl, path);
	const response = await exchange(
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
