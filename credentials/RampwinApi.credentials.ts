import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, connectionTest, secretProperty } from './shared';

/** Rampwin API key, sent as `x-api-key` (the documented AWS load-balancer cookie is not needed). */
export class RampwinApi implements ICredentialType {
	name = 'rampwinApi';

	displayName = 'Rampwin API';

	documentationUrl =
		'https://github.com/contact-upsert/n8n-nodes-contact-upsert?tab=readme-ov-file#rampwin';

	icon = { light: 'file:../icons/rampwin.svg', dark: 'file:../icons/rampwin.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			...secretProperty,
			displayName: 'API Key',
			name: 'apiKey',
			typeOptions: { password: true },
			description: 'Your Rampwin API key',
		},
		{
			displayName: 'Channel ID (for Connection Test)',
			name: 'channelId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '65f1c2a9b7e4d3c2a1f0e9d8',
			description:
				"Any WhatsApp channel ID of this account. Rampwin has no endpoint that checks a key on its own, so the connection test lists this channel's templates. The node still asks for the channel on every upsert.",
		},
		baseUrlProperty(
			'https://api.rampwin.com',
			'Root of the Rampwin API. Change it only for a proxy.',
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

	test: ICredentialTestRequest = connectionTest({
		url: '/api/message-templates/official-templates',
		qs: {
			channel_id: '={{$credentials.channelId}}',
			isPagination: true,
			page: 1,
			page_size: 1,
		},
	});
}
