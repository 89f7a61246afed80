import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import chatbotxPartial from '../fixtures/chatbotx/contact-partial.json';
import chatbotxContact from '../fixtures/chatbotx/contact.json';
import chatbotxPhoneExists from '../fixtures/chatbotx/error-422-phone-exists.json';
import chatbotxUnavailable from '../fixtures/chatbotx/error-503.json';
import hypersenderNotFound from '../fixtures/hypersender/instance-not-found.json';
import hypersenderSuccess from '../fixtures/hypersender/success.json';
import rampwinProfile from '../fixtures/rampwin/success-with-profile.json';
import rampwinSuccess from '../fixtures/rampwin/success.json';
import rampwinUnauthorized from '../fixtures/rampwin/unauthorized.json';
import vambeWebWhatsapp from '../fixtures/vambe/contact-web-whatsapp.json';
import vambeWhatsapp from '../fixtures/vambe/contact-whatsapp.json';
import vambeUnauthorized from '../fixtures/vambe/error-401.json';
import vambeUnavailable from '../fixtures/vambe/error-503.json';
import { SECRETS, testCredentials } from './credentials';
import { guardUnmatchedRequests, interceptRequests, type Endpoint, type Reply } from './vendorHttp';

/** What the vendor receives for one item: path with query, and the JSON body. */
export interface Received {
	uri: string;
	body: IDataObject;
}

/**
 * One vendor in a whole run of the node: two items a user maps from the input, what the vendor
 * receives and answers for each, one item it cannot take, and one refusal. The runs in
 * `test/unit/providers/nodeRuns.test.ts` prove with these what needs n8n's own context
 * (credentials, expressions per item, pairing, continue on fail, retries); the vendor's pure
 * functions have their own tables.
 */
export interface VendorRun {
	provider: 'chatbotx' | 'hypersender' | 'rampwin' | 'vambe';
	displayName: string;
	secret: string;
	/** Every upsert must carry these headers (and none of `badheaders`) to be answered at all. */
	endpoint: Endpoint;
	/** Parameters reading each item's `contact` and `name` by expression. */
	parameters: INodeParameters;
	items: [IDataObject, IDataObject];
	received: [Received, Received];
	answers: [IDataObject, IDataObject];
	/** The simplified output item for each answer. */
	outputs: [IDataObject, IDataObject];
	/** An item refused before sending, as the second of three, and the error its item shows. */
	invalid: { item: IDataObject; message: string; label: string };
	refusal: { status: number; body: unknown; message: string; description: string };
	/** A 503 answer, retried while Max Retries allow. */
	unavailable: unknown;
	/** A credential whose Base URL has a path prefix and a trailing slash, and where item 0 goes. */
	proxy: {
		credentials: Record<string, ICredentialDataDecryptedObject>;
		origin: string;
		uri: string;
	};
}

const JSON_TYPE = 'application/json';
const INSTANCE = String(testCredentials.hypersenderApi.instanceId);
const RAMPWIN_CHANNEL = '65f1c2a9b7e4d3c2a1f0e9d8';
const RAMPWIN_QUERY = `?channel_id=${RAMPWIN_CHANNEL}`;

export const VENDOR_RUNS: VendorRun[] = [
	{
		provider: 'chatbotx',
		displayName: 'ChatbotX',
		secret: SECRETS.chatbotxApi,
		endpoint: {
			origin: 'https://app.chatbotx.io',
			path: /^\/api\/v1\/contacts\/[^/]+\/upsert$/,
			reqheaders: { authorization: `Bearer ${SECRETS.chatbotxApi}`, 'content-type': JSON_TYPE },
			badheaders: ['x-api-key'],
		},
		parameters: {
			provider: 'chatbotx',
			identifier: '={{ $json.contact }}',
			additionalFields: { firstName: '={{ $json.name }}', gender: '={{ $json.gender }}' },
		},
		items: [
			{ contact: 'jane@example.com', name: 'Jane', gender: 'Female' },
			{ contact: '+1 (415) 555-2671', name: 'Pedro', gender: 'male' },
		],
		received: [
			{
				uri: '/api/v1/contacts/email%3Ajane%40example.com/upsert',
				body: { firstName: 'Jane', gender: 'female' },
			},
			{
				uri: '/api/v1/contacts/phone%3A%2B14155552671/upsert',
				body: { firstName: 'Pedro', gender: 'male' },
			},
		],
		answers: [chatbotxContact, chatbotxPartial],
		outputs: [
			{
				provider: 'chatbotx',
				contactId: '11590944070189056',
				name: 'Jane Doe',
				email: 'jane@example.com',
				phoneNumber: '+56961234567',
			},
			{
				provider: 'chatbotx',
				contactId: '11590944070189777',
				name: 'Pedro',
				email: null,
				phoneNumber: '+14155552671',
			},
		],
		invalid: {
			item: { contact: 'id:abc' },
			message: '"Identifier" of item 1: "abc" is not a ChatbotX contact ID (digits only).',
			label: 'Identifier',
		},
		refusal: {
			status: 422,
			body: chatbotxPhoneExists,
			message: 'ChatbotX answered 422: Phone number already exists',
			description:
				'Code: phoneExists. Another contact already has this phone number. Use phone:… as the identifier to update that contact.',
		},
		unavailable: chatbotxUnavailable,
		proxy: {
			credentials: {
				chatbotxApi: {
					accessToken: SECRETS.chatbotxApi,
					baseUrl: 'https://chat.example.com/tenant/api/',
				},
			},
			origin: 'https://chat.example.com',
			uri: '/tenant/api/v1/contacts/email%3Ajane%40example.com/upsert',
		},
	},
	{
		provider: 'hypersender',
		displayName: 'Hypersender',
		secret: SECRETS.hypersenderApi,
		endpoint: {
			origin: 'https://app.hypersender.com',
			path: `/api/whatsapp/v2/${INSTANCE}/contacts/upsert`,
			reqheaders: {
				authorization: `Bearer ${SECRETS.hypersenderApi}`,
				accept: JSON_TYPE,
				'content-type': JSON_TYPE,
			},
			badheaders: ['cookie', 'x-api-key'],
		},
		parameters: {
			provider: 'hypersender',
			chatId: '={{ $json.contact }}',
			firstName: '={{ $json.name }}',
		},
		items: [
			{ contact: '+56 9 1234 5678', name: 'Ana' },
			{ contact: '12132132131@c.us', name: 'Ben' },
		],
		received: [
			{
				uri: `/api/whatsapp/v2/${INSTANCE}/contacts/upsert`,
				body: { chat_id: '56912345678', first_name: 'Ana' },
			},
			{
				uri: `/api/whatsapp/v2/${INSTANCE}/contacts/upsert`,
				body: { chat_id: '12132132131', first_name: 'Ben' },
			},
		],
		answers: [hypersenderSuccess, hypersenderSuccess],
		outputs: [
			{
				provider: 'hypersender',
				contactId: '56912345678',
				name: null,
				email: null,
				phoneNumber: null,
			},
			{
				provider: 'hypersender',
				contactId: '12132132131',
				name: null,
				email: null,
				phoneNumber: null,
			},
		],
		invalid: {
			item: { contact: '120363025246125888@g.us', name: 'Group' },
			message:
				'"Chat ID" of item 1: "120363025246125888@g.us" is the ID of a WhatsApp group, not of a person. Use a phone number (e.g. +1 213 213 2130) or a WhatsApp ID ending @c.us (12132132130@c.us) or @lid (123456789012345@lid).',
			label: 'Chat ID',
		},
		refusal: {
			status: 404,
			body: hypersenderNotFound,
			message: 'Hypersender answered 404: Instance not found',
			description: 'Check the Instance ID in the Hypersender credential.',
		},
		unavailable: { message: 'Service Unavailable' },
		proxy: {
			credentials: {
				hypersenderApi: {
					...testCredentials.hypersenderApi,
					baseUrl: 'https://proxy.example.com/vendors/hypersender//',
				},
			},
			origin: 'https://proxy.example.com',
			uri: `/vendors/hypersender/api/whatsapp/v2/${INSTANCE}/contacts/upsert`,
		},
	},
	{
		provider: 'rampwin',
		displayName: 'Rampwin',
		secret: SECRETS.rampwinApi,
		endpoint: {
			origin: 'https://api.rampwin.com',
			path: '/api/contacts/insertOrUpdate',
			query: { channel_id: RAMPWIN_CHANNEL },
			reqheaders: { 'x-api-key': SECRETS.rampwinApi, 'content-type': JSON_TYPE },
			badheaders: ['cookie', 'authorization'],
		},
		parameters: {
			provider: 'rampwin',
			rampwinChannelId: RAMPWIN_CHANNEL,
			phoneNumber: '={{ $json.contact }}',
			additionalFields: { firstName: '={{ $json.name }}' },
		},
		// An expression may hand over a number: it is read as the digits it shows.
		items: [
			{ contact: '+56 9 1234 5678', name: 'Ana' },
			{ contact: 12132132131, name: 'Ben' },
		],
		received: [
			{
				uri: `/api/contacts/insertOrUpdate${RAMPWIN_QUERY}`,
				body: { phone_number: '+56912345678', first_name: 'Ana' },
			},
			{
				uri: `/api/contacts/insertOrUpdate${RAMPWIN_QUERY}`,
				body: { phone_number: '+12132132131', first_name: 'Ben' },
			},
		],
		answers: [rampwinSuccess, rampwinProfile],
		outputs: [
			{
				provider: 'rampwin',
				contactId: '6650b2f1c3a4d5e6f7a8b9c0',
				name: null,
				email: null,
				phoneNumber: '+56912345678',
			},
			{
				provider: 'rampwin',
				contactId: '6650b2f1c3a4d5e6f7a8b9c1',
				name: 'John Doe',
				email: 'john.doe@example.com',
				phoneNumber: '+12132132131',
			},
		],
		invalid: {
			item: { contact: '12' },
			message:
				'"Phone Number" of item 1: "12" has too few digits for a phone number; digits without + are read with the country code first: write the number with its country code (e.g. +56 9 1234 5678) or set Options → Default Country.',
			label: 'Phone Number',
		},
		refusal: {
			status: 401,
			body: rampwinUnauthorized,
			message: 'Rampwin answered 401: Unauthorized',
			description: 'Check the API key in the Rampwin credential.',
		},
		unavailable: { success: false, message: 'Service Unavailable' },
		proxy: {
			credentials: {
				rampwinApi: {
					...testCredentials.rampwinApi,
					baseUrl: 'https://proxy.example.com/vendors/rampwin/',
				},
			},
			origin: 'https://proxy.example.com',
			uri: `/vendors/rampwin/api/contacts/insertOrUpdate${RAMPWIN_QUERY}`,
		},
	},
	{
		provider: 'vambe',
		displayName: 'Vambe',
		secret: SECRETS.vambeApi,
		endpoint: {
			origin: 'https://api.vambe.me',
			path: '/api/public/customer/upsert/info',
			reqheaders: { 'x-api-key': SECRETS.vambeApi, 'content-type': JSON_TYPE },
			badheaders: ['authorization'],
		},
		parameters: {
			provider: 'vambe',
			vambeChannel: 'whatsapp',
			channelPhoneNumber: '+56 9 5123 4567',
			phoneNumber: '={{ $json.contact }}',
			additionalFields: { name: '={{ $json.name }}' },
		},
		items: [
			{ contact: '+56 9 6123 4567', name: 'Ana' },
			{ contact: '0056 (9) 8765-4321', name: 'Beto' },
		],
		received: [
			{
				uri: '/api/public/customer/upsert/info',
				body: {
					channel: 'whatsapp',
					channel_phone_number: '+56951234567',
					contact_phone_number: '+56961234567',
					contact_name: 'Ana',
				},
			},
			{
				uri: '/api/public/customer/upsert/info',
				body: {
					channel: 'whatsapp',
					channel_phone_number: '+56951234567',
					contact_phone_number: '+56987654321',
					contact_name: 'Beto',
				},
			},
		],
		answers: [vambeWhatsapp, vambeWebWhatsapp],
		outputs: [
			{
				provider: 'vambe',
				contactId: '8d3c6f1e-2b4a-4e7d-9f10-5a6b7c8d9e01',
				name: 'Jane Doe',
				email: 'jane@example.com',
				phoneNumber: '+56961234567',
			},
			{
				provider: 'vambe',
				contactId: 'b71e4c09-6d2f-4a83-8e5b-0c9d1f2a3b4c',
				name: 'Pedro Soto',
				email: null,
				phoneNumber: '+56987654321',
			},
		],
		invalid: {
			item: { contact: { national: '9 6123 4567' } },
			message:
				'"Contact Phone Number" of item 1 must be text, but got an object. Map a single text value into this field.',
			label: 'Contact Phone Number',
		},
		refusal: {
			status: 401,
			body: vambeUnauthorized,
			message: 'Vambe answered 401: Invalid API key',
			description: 'Check the API key in the Vambe credential.',
		},
		unavailable: vambeUnavailable,
		proxy: {
			credentials: {
				vambeApi: { apiKey: SECRETS.vambeApi, baseUrl: 'https://proxy.example.com/vambe/' },
			},
			origin: 'https://proxy.example.com',
			uri: '/vambe/api/public/customer/upsert/info',
		},
	},
];

/**
 * One vendor's whole-run case with an interceptor for its endpoint (parts of it may be
 * replaced), for the runs only that vendor needs. Guards against unmatched requests.
 */
export function wholeRunOf(provider: VendorRun['provider']) {
	const vendor = VENDOR_RUNS.find((run) => run.provider === provider);
	if (!vendor) throw new Error(`No whole-run case for ${provider}`);
	const unmatched = guardUnmatchedRequests();
	const intercept = (replies: Reply[], endpoint: Partial<Endpoint> = {}) =>
		interceptRequests({ ...vendor.endpoint, ...endpoint }, replies);
	return { vendor, unmatched, intercept };
}
