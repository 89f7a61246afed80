import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, connectionTest, secretProperty } from './shared';

/** ChatbotX workspace API token, sent as a Bearer token. */
export class ChatbotxApi implements ICredentialType {
	name = 'chatbotxApi';

	displayName = 'ChatbotX API';

	documentationUrl =
		'https://github.com/contact-upsert/n8n-nodes-contact-upsert?tab=readme-ov-file#chatbotx';

	icon = { light: 'file:../icons/chatbotx.svg', dark: 'file:../icons/chatbotx.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			...secretProperty,
			displayName: 'Access Token',
			name: 'accessToken',
			typeOptions: { password: true },
			description:
				'Workspace API token with the "contacts" scope and full permission (Settings → Integrations → ChatbotX API Access Token), e.g. cbx_ws_…',
		},
		baseUrlProperty(
			'https://app.chatbotx.io/api',
			'Root of the ChatbotX API including /api. For a self-hosted ChatbotX use https://your-domain/api.',
		),
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
	test: ICredentialTestRequest = connectionTest({
		url: '/v1/contacts/count',
	});
}
