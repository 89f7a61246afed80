import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, connectionTest, secretProperty } from './shared';

/** Vambe public API: an `x-api-key` header on every request. */
export class VambeApi implements ICredentialType {
	name = 'vambeApi';

	displayName = 'Vambe API';

	documentationUrl =
		'https://github.com/contact-upsert/n8n-nodes-contact-upsert?tab=readme-ov-file#vambe';

	icon = { light: 'file:../icons/vambe.svg', dark: 'file:../icons/vambe.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			...secretProperty,
			displayName: 'API Key',
			name: 'apiKey',
			typeOptions: { password: true },
			description: 'The API key from your Vambe dashboard (Developers → API Keys)',
		},
		baseUrlProperty(
			'https://api.vambe.me',
			'Root of the Vambe API. Change it only for a proxy or a regional host; paths such as /api/public/… are appended to it.',
		),
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
	test: ICredentialTestRequest = connectionTest({
		url: '/api/public/team-members/all',
	});
}
