import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import type { z } from 'zod';

/** Values of the `provider` parameter. Saved in workflows: never rename. */
export type ProviderId = 'chatbotx' | 'hypersender' | 'rampwin' | 'vambe';

/** The non-secret parts of a credential that shape the request (never the key itself). */
export interface Connection {
	baseUrl: string;
	instanceId?: string;
}

/** Per-item settings that change how input is read. */
export interface ParseSettings {
	defaultCountry?: string;
}

/** A vendor request, described as data so it can be tested without HTTP. */
export interface VendorRequest {
	method: 'POST';
	/** Absolute URL: the credential's base URL plus the documented path, segments encoded. */
	url: string;
	qs?: IDataObject;
	body: IDataObject;
	headers?: Record<string, string>;
}

/** The shape every provider returns when "Simplify" is on. */
export interface NormalizedContact {
	[key: string]: string | boolean | null;
	provider: ProviderId;
	contactId: string | null;
	name: string | null;
	email: string | null;
	phoneNumber: string | null;
}

/** What a vendor said when it refused a request, in the user's terms. */
export interface VendorError {
	/** The vendor's own message, as close to verbatim as possible. */
	message: string;
	/** Extra detail the vendor gave (field errors, codes). */
	details?: string;
}

/** Everything one vendor knows. Adding a vendor means one more of these and one registry line. */
export interface Provider<Input = unknown> {
	id: ProviderId;
	displayName: string;
	credentialType: string;
	/** Names of the credential's secret fields (masked in any error text). */
	secretFields: readonly string[];
	/** Node parameters shown for this provider (already gated on `provider`). */
	properties: INodeProperties[];
	/** Top-level parameter names read for each item and handed to `schema`. */
	parameterNames: readonly string[];
	/** Dropdown sources for resource locators (`searchListMethod`), named uniquely across providers. */
	listSearch?: Record<
		string,
		(
			this: ILoadOptionsFunctions,
			filter?: string,
			paginationToken?: string,
		) => Promise<INodeListSearchResult>
	>;
	/** Labels for error messages, keyed by parameter path (e.g. `additionalFields.email`). */
	labels: Readonly<Record<string, string>>;
	/** Validates and cleans the raw parameters of one item. */
	schema(settings: ParseSettings): z.ZodType<Input, z.ZodTypeDef, unknown>;
	/** Reads the non-secret connection settings from the decrypted credential. */
	connection(credentials: ICredentialDataDecryptedObject): Connection;
	/** What is wrong with the credential's settings, if anything, in a sentence for the user. */
	connectionProblem?(connection: Connection): string | undefined;
	/**
	 * The vendor's own match key for the contact an input addresses, after normalization (e.g.
	 * channel + phone number). Items with the same key on one account are sent one at a time, in
	 * arrival order, so the later row wins. Pure.
	 */
	contactKey(input: Input): string;
	/** Builds the HTTP request for one item. Pure. */
	buildRequest(input: Input, connection: Connection): VendorRequest;
	/** Maps a successful response body to the normalized shape. Pure. */
	normalize(body: unknown, input: Input): NormalizedContact;
	/** Whether a 2xx body still reports a failure (e.g. `{ success: false }`). Pure. */
	reportsFailure?(body: unknown): boolean;
	/** Lifts the vendor's own message out of an error response body. Pure. */
	describeError(statusCode: number, body: unknown): VendorError;
	/** Seconds the vendor asked to wait, when it says so in the body rather than a header. */
	retryAfterFromBody?(body: unknown): number | undefined;
	/** Adds a header that makes a repeated request safe (ChatbotX's Idempotency-Key). */
	idempotencyHeader?(key: string): Record<string, string>;
}
