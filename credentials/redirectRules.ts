import type { IAuthenticateRuleResponseCode } from 'n8n-workflow';

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
