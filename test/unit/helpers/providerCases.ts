import type {
	ICredentialDataDecryptedObject,
	IDataObject,
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
import { readJson } from './repository';
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

/** One provider's pure functions, called as the item loop calls them. */
export function casesOf(id: string) {
	const provider = providerOf(id);
	const node = testNode();

	/** One item's parameters, as the item loop hands them to the schema. */
	const rawItem = (parameters: INodeParameters): Record<string, unknown> => {
		const saved = nodeParameters(nodeType, { ...parameters, provider: id });
		return Object.fromEntries(provider.parameterNames.map((name) => [name, saved[name] ?? null]));
	};

	/** The parsed input for one item, or the error the user would see instead. */
	const parse = (parameters: INodeParameters, defaultCountry?: string) => {
		const result = provider.schema({ defaultCountry }).safeParse(rawItem(parameters));
		if (result.success) return { ok: true as const, input: result.data };
		const error = invalidInputError(node, provider.labels, result.error, 0);
		return { ok: false as const, refused: shown(error) };
	};

	const input = (parameters: INodeParameters, defaultCountry?: string): unknown => {
		const parsed = parse(parameters, defaultCountry);
		if (!parsed.ok) throw new Error(`Refused: ${parsed.refused.message}`);
		return parsed.input;
	};

	const connection = (credential?: ICredentialDataDecryptedObject): Connection => {
		const type = provider.credentialType;
		return provider.connection(withDefaults(type, credential ?? testCredentials[type]));
	};

	return {
		provider,
		rawItem,
		parse,
		input,
		connection,

		/** The error item 0 shows for these parameters; fails the test when they are accepted. */
		refusal(parameters: INodeParameters, defaultCountry?: string): Shown {
			const parsed = parse(parameters, defaultCountry);
			if (parsed.ok) throw new Error(`Accepted: ${JSON.stringify(parsed.input)}`);
			return parsed.refused;
		},

		/** The key under which items for one contact wait their turn. */
		contactKey: (parameters: INodeParameters, defaultCountry?: string): string =>
			provider.contactKey(input(parameters, defaultCountry)),

		/** The error a credential's settings give before anything is sent, if any. */
		connectionRefusal(credential: ICredentialDataDecryptedObject): Shown | undefined {
			const problem = provider.connectionProblem?.(connection(credential));
			return problem === undefined ? undefined : shown(connectionError(node, provider, problem));
		},

		/** The request the vendor receives for one item (n8n adds the credential's header). */
		request(
			parameters: INodeParameters,
			defaultCountry?: string,
			credential?: ICredentialDataDecryptedObject,
		): VendorRequest {
			return provider.buildRequest(input(parameters, defaultCountry), connection(credential));
		},

		/** The simplified output item for the vendor's answer to these parameters. */
		output: (body: unknown, parameters: INodeParameters): NormalizedContact =>
			provider.normalize(body, input(parameters)),

		/** What the user sees when the vendor refuses an item with this status and body. */
		vendorRefusal(statusCode: number, body: unknown): Shown {
			const vendorError = provider.describeError(statusCode, body);
			return shown(vendorApiError(node, provider, statusCode, vendorError, 0, 1));
		},

		/** A body the vendor sent, from `test/unit/fixtures/<provider>/`. */
		fixture: (file: string): unknown => readJson(`test/unit/fixtures/${id}/${file}`),
	};
}

/** A provider's pure functions, as `casesOf` returns them. */
export type ProviderCases = ReturnType<typeof casesOf>;

/**
 * A provider's table tests as data, in `test/unit/fixtures/<provider>/cases.json`: the
 * parameters a user sets (over one of `bases`) and what the vendor receives, what the user is
 * told for input refused before sending, the simplified output for an answer, and what the user is
 * told when the vendor refuses. `tables.test.ts` runs every provider's file.
 */
export interface ProviderTables {
	/** Parameters every row starts from, by name; a row without `base` starts from `default`. */
	bases: Record<string, INodeParameters>;
	/** Method, URL and constant parts of the upsert request; a row may name its own URL. */
	upsert: Omit<VendorRequest, 'body'>;
	requests: Array<Row & { sends: string; url?: string; body: IDataObject }>;
	refusedInput: Array<Row & { refuses: string; message: string }>;
	outputs: Array<Row & Answer & { returns: string; output: IDataObject }>;
	refusals: Array<Answer & { says: string; status: number; message: string; hints: string[] }>;
}

interface Row {
	base?: string;
	parameters?: INodeParameters;
	defaultCountry?: string;
}

/** A vendor's answer: a fixture file of the provider's, or a body written out. */
interface Answer {
	fixture?: string;
	body?: unknown;
}

/** The parameters of a table row: its base with the row's own values over it. */
export function rowParameters(tables: ProviderTables, row: Row): INodeParameters {
	return { ...tables.bases[row.base ?? 'default'], ...row.parameters };
}

/** The answer of a table row. */
export function rowAnswer(cases: ProviderCases, row: Answer): unknown {
	return row.fixture === undefined ? row.body : cases.fixture(row.fixture);
}
