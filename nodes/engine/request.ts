import {
	NodeApiError,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';

import { decideRedirect, suggestedBaseUrl } from './redirects';

/** A response as n8n's helper returns it with `returnFullResponse`, whatever the status. */
export interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Who is asked, for the texts of a refused redirect. */
export interface VendorTarget {
	/** The vendor's name as users know it, e.g. "Vambe". */
	vendorName: string;
	credentialType: string;
	/** The credential's Base URL, to suggest the new one. */
	baseUrl: string;
	/** The credential, decrypted once per run; n8n loads it when absent. */
	credential?: ICredentialsDecrypted;
}

/**
 * Sends a request through n8n's `httpRequestWithAuthentication`, which applies the credential,
 * without letting n8n follow redirects: n8n would carry the credential's header to whatever host
 * a `Location` names (`x-api-key` always; `Authorization` too, by n8n's default). Redirects on the
 * request's own origin are followed here, the credential applied again by n8n for that origin
 * only; any other redirect ends the request with an error naming where it pointed. Every other
 * status resolves.
 */
export async function requestOnOrigin(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	target: VendorTarget,
	options: IHttpRequestOptions,
): Promise<RawResponse> {
	let current: IHttpRequestOptions = options;
	for (let hops = 0; ; hops++) {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			target.credentialType,
			{
				...current,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			target.credential ? { credentialsDecrypted: target.credential } : undefined,
		)) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
		const headers = { ...(response.headers ?? {}) };
		const sentTo = requestUrl(current);
		const decision = decideRedirect(sentTo, response.statusCode, headers, hops);
		if (decision.action === 'accept') {
			return { statusCode: response.statusCode, headers, body: response.body };
		}
		if (decision.action === 'refuse') {
			throw redirectError(context, target, sentTo, decision.statusCode, decision.location);
		}
		// The Location is absolute and carries its own query.
		current = { ...current, url: decision.url, qs: undefined };
	}
}

/** The URL a request goes to, without its query string (which the Location replaces). */
function requestUrl(options: IHttpRequestOptions): string {
	return options.baseURL ? new URL(options.url, options.baseURL).href : options.url;
}

function redirectError(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	target: VendorTarget,
	sentTo: string,
	statusCode: number,
	location: string,
): NodeApiError {
	const suggestion = suggestedBaseUrl(sentTo, target.baseUrl, location);
	const credentialName = target.credential?.name;
	const which = credentialName ? `the "${credentialName}" credential` : 'the credential';
	const change = suggestion
		? `update the Base URL in ${which} to ${suggestion}`
		: `update the Base URL in ${which} to the address it now uses`;
	// The response holds no `code`, so NodeApiError keeps this message.
	return new NodeApiError(
		context.getNode(),
		{ message: `redirect to ${location}`, httpCode: String(statusCode) },
		{
			message: `${target.vendorName} answered ${statusCode}, a redirect to ${location}. The node does not follow it, so the credential was not sent there`,
			description: `If ${target.vendorName} has moved, ${change}. The node follows redirects only within the Base URL's own scheme, host and port.`,
			httpCode: String(statusCode),
		},
	);
}
