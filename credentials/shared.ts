import type {
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	IDataObject,
	INodeProperties,
} from 'n8n-workflow';

/**
 * What every credential has alike, made once: the secret field's fixed part, the Base URL field
 * and the connection test.
 */

/**
 * What the connection test says when the Base URL answers with a redirect. The test request does
 * not follow it (`disableFollowRedirect`), because n8n would send the credential along to
 * whatever host the redirect names.
 */
export const REDIRECT_RULES: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map(
	(status) => ({
		type: 'responseCode',
		properties: {
			value: status,
			message: `The Base URL answered ${status}, a redirect, which the credential is never sent to. If the vendor has moved, enter its new address as the Base URL.`,
		},
	}),
);

/**
 * A secret field's fixed part: a required string with no default. Each credential spreads it into
 * an object literal that names the field and sets `typeOptions: { password: true }` itself, where
 * n8n's linter checks that a secret is masked.
 */
export const secretProperty = {
	type: 'string',
	required: true,
	default: '',
} as const satisfies Partial<INodeProperties>;

/** The Base URL field: the vendor's address as default and placeholder, and what may go there. */
export function baseUrlProperty(vendorUrl: string, description: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: vendorUrl,
		placeholder: vendorUrl,
		description,
	};
}

/**
 * The connection test: a GET of the vendor's path (`url`, with its query `qs`) on the Base URL
 * without its trailing slashes. It never follows a redirect: n8n would follow one with the
 * credential's header, to any host.
 */
export function connectionTest(request: { url: string; qs?: IDataObject }): ICredentialTestRequest {
	return {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			method: 'GET',
			...request,
			disableFollowRedirect: true,
		},
		rules: REDIRECT_RULES,
	};
}
