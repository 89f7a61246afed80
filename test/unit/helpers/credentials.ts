import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type Workflow,
} from 'n8n-workflow';

import { registeredCredentialTypes } from './registry';

/** The package's credential types by name: the one each registered provider names. */
export const credentialTypes: Record<string, ICredentialType> = registeredCredentialTypes();

/** Secrets used by the tests; a leak check looks for exactly these strings. */
export const SECRETS = {
	vambeApi: 'vambe-secret-key-7f3a91',
	chatbotxApi: 'cbx_ws_secret-token-55c2e0',
	rampwinApi: 'rampwin-secret-key-0b8d44',
	hypersenderApi: '77|hypersender-secret-token-c9e1',
} as const;

/** Test credentials per type, pointing at the vendors' default base URLs. */
export const testCredentials: Record<string, ICredentialDataDecryptedObject> = {
	vambeApi: { apiKey: SECRETS.vambeApi },
	chatbotxApi: { accessToken: SECRETS.chatbotxApi },
	rampwinApi: { apiKey: SECRETS.rampwinApi, channelId: '65f1c2a9b7e4d3c2a1f0e9d8' },
	hypersenderApi: {
		apiToken: SECRETS.hypersenderApi,
		instanceId: '9b1d6c3e-5f2a-4c7e-9a61-2f4b8d0e7c15',
	},
};

/** The credential's data as n8n hands it to a node: property defaults filled in. */
export function withDefaults(
	type: string,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const defaults = Object.fromEntries(
		credentialTypes[type].properties.map((property) => [property.name, property.default]),
	);
	return { ...defaults, ...data } as ICredentialDataDecryptedObject;
}

/**
 * Stands in for n8n's CredentialsHelper: returns test credentials and applies a credential's
 * generic `authenticate` block the way n8n does (each value resolved as an expression with
 * `$credentials`), so tests see the exact headers n8n would send.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate || typeof authenticate !== 'object' || authenticate.type !== 'generic') {
			throw new Error(`No generic authenticate block on ${typeName}`);
		}
		const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				options[target] = options[target] ?? {};
				options[target][key] =
					typeof value === 'string' && value.startsWith('=')
						? workflow.expression.getSimpleParameterValue(node, value, 'internal', {
								$credentials: credentials,
							})
						: value;
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the node');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials for ${type}`);
		return withDefaults(type, data);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type].properties;
	}
}
