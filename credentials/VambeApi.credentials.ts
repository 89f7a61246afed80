import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { REDIRECT_RULES } from './redirectRules';

/** Vambe public API: an `x-api-key` header on every request. */
export class VambeApi implements ICredentialType {
	name = 'vambeApi';

	displayName = 'Vambe API';

	documentationUrl =
		'https://github.com/contact-upsert/n8n-nodes-contact-upsert?tab=readme-ov-file#vambe';

	icon = { light: 'file:../icons/vambe.svg', dark: 'file:../icons/vambe.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from your Vambe dashboard (Developers → API Keys)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.vambe.me',
			placeholder: 'https://api.vambe.me',
			description:
				'Root of the Vambe API. Change it only for a proxy or a regional host; paths such as /api/public/… are appended to it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Read-only, parameterless and documented to answer 401 for a bad key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/public/team-members/all',
			method: 'GET',
			// n8n would follow a redirect with the credential's header, to any host.
			disableFollowRedirect: true,
		},
		rules: REDIRECT_RULES,
	};
}
