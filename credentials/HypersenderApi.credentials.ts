import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, connectionTest, secretProperty } from './shared';

/** Hypersender WhatsApp API token (Bearer) plus the instance it acts on. */
export class HypersenderApi implements ICredentialType {
	name = 'hypersenderApi';

	displayName = 'Hypersender API';

	documentationUrl =
		'https://github.com/contact-upsert/n8n-nodes-contact-upsert?tab=readme-ov-file#hypersender';

	icon = {
		light: 'file:../icons/hypersender.svg',
		dark: 'file:../icons/hypersender.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			...secretProperty,
			displayName: 'API Token',
			name: 'apiToken',
			typeOptions: { password: true },
			description: 'The API token from the Hypersender dashboard, e.g. 234|3uB2…',
		},
		{
			displayName: 'Instance ID',
			name: 'instanceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'fa3d01c4-1234-4c0d-a12f-df319b612f8c',
			description: 'UUID of the WhatsApp instance, copied from the Hypersender dashboard',
		},
		baseUrlProperty(
			'https://app.hypersender.com',
			'Root of the Hypersender app. Change it only for a proxy.',
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
				Accept: 'application/json',
			},
		},
	};

	// Read-only and checks both the token and the instance ID.
	test: ICredentialTestRequest = connectionTest({
		// Only an ID of letters, digits, - and _ goes into the path (as in the node): anything else
		// is replaced by a placeholder the vendor answers 404 for, so the test fails visibly.
		url: '=/api/whatsapp/v2/{{ /^[A-Za-z0-9_-]+$/.test($credentials.instanceId.trim()) ? $credentials.instanceId.trim() : "invalid-instance-id" }}/contacts/get-all',
		qs: { limit: 1 },
	});
}
