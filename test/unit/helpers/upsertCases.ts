import type { IDataObject, INodeParameters } from 'n8n-workflow';

import chatbotxContact from '../fixtures/chatbotx/contact.json';
import hypersenderSuccess from '../fixtures/hypersender/success.json';
import rampwinSuccess from '../fixtures/rampwin/success.json';
import vambeContact from '../fixtures/vambe/contact-whatsapp.json';
import { SECRETS } from './credentials';

/** One upsert per provider, as a user would configure it, with what the vendor is asked. */
export interface UpsertCase {
	provider: string;
	credentialType: keyof typeof SECRETS;
	/** The credential field holding the secret. */
	secretField: string;
	/** The header that carries the secret, and how (`Bearer …` or the bare value). */
	authHeader: string;
	authValue: (secret: string) => string;
	/** The vendor's default origin, and the path (with any prefix) the upsert goes to. */
	origin: string;
	path: string;
	parameters: INodeParameters;
	item: IDataObject;
	/** A body the vendor answers with on success. */
	success: IDataObject;
}

const bearer = (secret: string) => `Bearer ${secret}`;
const bare = (secret: string) => secret;

export const UPSERT_CASES: UpsertCase[] = [
	{
		provider: 'vambe',
		credentialType: 'vambeApi',
		secretField: 'apiKey',
		authHeader: 'x-api-key',
		authValue: bare,
		origin: 'https://api.vambe.me',
		path: '/api/public/customer/upsert/info',
		parameters: {
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: '+56911112222',
			phoneNumber: '={{ $json.phone }}',
		},
		item: { phone: '+56961234567' },
		success: vambeContact as IDataObject,
	},
	{
		provider: 'chatbotx',
		credentialType: 'chatbotxApi',
		secretField: 'accessToken',
		authHeader: 'authorization',
		authValue: bearer,
		origin: 'https://app.chatbotx.io',
		path: '/api/v1/contacts/phone%3A%2B56961234567/upsert',
		parameters: { provider: 'chatbotx', identifier: '={{ $json.phone }}' },
		item: { phone: '+56961234567' },
		success: chatbotxContact as IDataObject,
	},
	{
		provider: 'rampwin',
		credentialType: 'rampwinApi',
		secretField: 'apiKey',
		authHeader: 'x-api-key',
		authValue: bare,
		origin: 'https://api.rampwin.com',
		path: '/api/contacts/insertOrUpdate',
		parameters: {
			provider: 'rampwin',
			rampwinChannelId: '65f1c2a9b7e4d3c2a1f0e9d8',
			phoneNumber: '={{ $json.phone }}',
		},
		item: { phone: '+56961234567' },
		success: rampwinSuccess as IDataObject,
	},
	{
		provider: 'hypersender',
		credentialType: 'hypersenderApi',
		secretField: 'apiToken',
		authHeader: 'authorization',
		authValue: bearer,
		origin: 'https://app.hypersender.com',
		path: '/api/whatsapp/v2/9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15/contacts/upsert',
		parameters: { provider: 'hypersender', chatId: '={{ $json.phone }}', firstName: 'Jane' },
		item: { phone: '+56961234567' },
		success: hypersenderSuccess as IDataObject,
	},
];

/** UPSERT_CASES as a `describe.each` table, each case named by its provider. */
export const UPSERT_TABLE = UPSERT_CASES.map((entry) => [entry.provider, entry] as const);
