import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { REDIRECT_RULES } from './redirectRules';

/** ChatbotX workspace API token, sent as a Bearer token. */
export class ChatbotxApi implements ICredentialType {
	name = 'chatbotxApi';

	displayName = 'ChatbotX API';

	documentationUrl =
		'https://github.com/contact-upsert/n8n-nodes-contact-upsert?tab=readme-ov-file#chatbotx';

	icon = { light: 'file:../icons/chatbotx.svg', dark: 'file:../icons/chatbotx.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Workspace API token with the "contacts" scope and full permission (Settings → Integrations → ChatbotX API Access Token), e.g. cbx_ws_…',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.chatbotx.io/api',
			placeholder: 'https://app.chatbotx.io/api',
			description:
				'Root of the ChatbotX API including /api. For a self-hosted ChatbotX use https://your-domain/api.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// Uses the same "contacts" scope as the upsert, so a token that passes here can upsert.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/contacts/count',
			method: 'GET',
			// n8n would follow a redirect with the credential's header, to any host.
			disableFollowRedirect: true,
		},
		rules: REDIRECT_RULES,
	};
}
