import type {
	ICredentialDataDecryptedObject,
	INodeParameters,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { connectionError, invalidInputError, vendorApiError } from '../../../nodes/engine/errors';
import type {
	Connection,
	NormalizedContact,
	Provider,
	VendorRequest,
} from '../../../nodes/engine/provider';
import { findProvider } from '../../../nodes/providers';
import { testCredentials, withDefaults } from './credentials';
import { nodeType, testNode } from './node';
import { nodeParameters } from './runNode';

/**
 * A provider's pure functions as the item loop calls them, without n8n or HTTP: item parameters
 * read as n8n hands them over (defaults filled in, fields of other channels dropped), the
 * provider's schema, its request, its normalized answer and its refusal in the words the user sees.
 * Expressions are not resolved here: a table gives the value an expression would produce.
 */

/** The registered provider with this ID. */
export function providerOf(id: string): Provider<unknown> {
	const provider = findProvider(id);
	if (!provider) throw new Error(`No provider ${id}`);
	return provider;
}

/** What the user reads on an error: its message and its description. */
export interface Shown {
	message: string;
	description: string | null | undefined;
}

function shown(error: NodeOperationError | NodeApiError): Shown {
	return { message: error.message, description: error.description };
}

/** One item's parameters of a provider, as the item loop hands them to its schema. */
export function rawItem(id: string, parameters: INodeParameters): Record<string, unknown> {
	const provider = providerOf(id);
	const saved = nodeParameters(nodeType, { ...parameters, provider: id });
	return Object.fromEntries(provider.parameterNames.map((name) => [name, saved[name] ?? null]));
}

/** The provider's parsed input for one item, or the error the user would see instead. */
export function parseItem(
	id: string,
	parameters: INodeParameters,
	defaultCountry?: string,
): { ok: true; input: unknown } | { ok: false; refused: Shown } {
	const provider = providerOf(id);
	const result = provider.schema({ defaultCountry }).safeParse(rawItem(id, parameters));
	if (result.success) return { ok: true, input: result.data };
	return {
		ok: false,
		refused: shown(invalidInputError(testNode(), provider.labels, result.error, 0)),
	};
}

/** The provider's parsed input for one item; fails the test with the user's error otherwise. */
export function inputOf(id: string, parameters: INodeParameters, defaultCountry?: string): unknown {
	const parsed = parseItem(id, parameters, defaultCountry);
	if (!parsed.ok) throw new Error(`Refused: ${parsed.refused.message}`);
	return parsed.input;
}

/** The error item 0 gets for these parameters; fails the test when they are accepted. */
export function refusalOf(id: string, parameters: INodeParameters, defaultCountry?: string): Shown {
	const parsed = parseItem(id, parameters, defaultCountry);
	if (parsed.ok) throw new Error(`Accepted: ${JSON.stringify(parsed.input)}`);
	return parsed.refused;
}

/** The connection a credential gives (the test credential, with n8n's defaults, when omitted). */
export function connectionOf(id: string, credential?: ICredentialDataDecryptedObject): Connection {
	const provider = providerOf(id);
	const type = provider.credentialType;
	return provider.connection(withDefaults(type, credential ?? testCredentials[type]));
}

/** The error a credential's settings give before anything is sent, if any. */
export function connectionRefusal(
	id: string,
	credential: ICredentialDataDecryptedObject,
): Shown | undefined {
	const provider = providerOf(id);
	const problem = provider.connectionProblem?.(connectionOf(id, credential));
	return problem === undefined ? undefined : shown(connectionError(testNode(), provider, problem));
}

/** The request the vendor receives for one item (secrets are added later, by n8n). */
export function requestOf(
	id: string,
	parameters: INodeParameters,
	defaultCountry?: string,
	credential?: ICredentialDataDecryptedObject,
): VendorRequest {
	const input = inputOf(id, parameters, defaultCountry);
	return providerOf(id).buildRequest(input, connectionOf(id, credential));
}

/** The simplified output item for the vendor's answer to these parameters. */
export function outputOf(
	id: string,
	body: unknown,
	parameters: INodeParameters = {},
): NormalizedContact {
	const provider = providerOf(id);
	return provider.normalize(body, inputOf(id, parameters));
}

/** What the user sees when the vendor refuses an item with this status and body. */
export function vendorRefusal(id: string, statusCode: number, body: unknown): Shown {
	const provider = providerOf(id);
	const error = vendorApiError(
		testNode(),
		provider,
		statusCode,
		provider.describeError(statusCode, body),
		0,
		1,
	);
	return shown(error);
}
