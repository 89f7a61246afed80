import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { fieldLabels, itemParameterNames } from './parameterIndex';
import type { FieldSchema } from './schema';
import { quoteVendorError } from './vendorMessage';

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
	method: 'GET' | 'POST' | 'PUT' | 'PATCH';
	/** Absolute URL: the credential's base URL plus the documented path, segments encoded. */
	url: string;
	qs?: IDataObject;
	/** Sent as JSON; omitted for GET. */
	body?: IDataObject;
	headers?: Record<string, string>;
}

/** What a vendor said when it refused a request, in the user's terms. */
export interface VendorError {
	/** The vendor's own message, as close to verbatim as possible. */
	message: string;
	/** Extra detail the vendor gave (field errors, codes). */
	details?: string;
}

/** The shape every provider returns when "Simplify" is on. */
export interface NormalizedContact {
	[key: string]: string | boolean | null;
	/** The provider's ID, as the `provider` parameter saves it. */
	provider: string;
	contactId: string | null;
	name: string | null;
	email: string | null;
	phoneNumber: string | null;
}

/**
 * Everything one vendor knows, as the item loop sees it. A provider file writes a
 * {@link ProviderDefinition}; the registry derives the rest from its properties.
 */
export interface Provider<Input = unknown> {
	/** The `provider` parameter's value and the vendor node's name. Saved in workflows: never rename. */
	id: string;
	displayName: string;
	credentialType: string;
	/** Names of the credential's secret fields (masked in any error text). */
	secretFields: readonly string[];
	/** Node parameters of this provider, ungated: Contact Upsert shows them for its `provider` only. */
	properties: INodeProperties[];
	/** Entries this provider adds to the Options collection (shown only for it). */
	options?: INodeProperties[];
	/** Dropdown sources its fields name (`searchListMethod`, `loadOptionsMethod`). */
	methods?: ProviderMethods;
	/** Top-level parameter names read for each item and handed to `schema` (derived). */
	parameterNames: readonly string[];
	/** A detail the canvas subtitle shows after the provider's name, e.g. a channel. */
	subtitleDetail?: SubtitleDetail;
	/** Labels for error messages, keyed by parameter path, e.g. `additionalFields.email` (derived). */
	labels: Readonly<Record<string, string>>;
	/** Validates and cleans the raw parameters of one item. */
	schema(settings: ParseSettings): FieldSchema<Input>;
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
	/**
	 * The normalized shape known from the input alone, for an item Skip Unchanged Contacts did
	 * not send (the vendor's contact ID is unknown then, unless the input is the ID). Pure.
	 */
	expected?(input: Input): NormalizedContact;
	/** Whether a 2xx body still reports a failure (e.g. `{ success: false }`). Pure. */
	reportsFailure?(body: unknown): boolean;
	/** Lifts the vendor's own message out of an error response body. Pure. */
	describeError(statusCode: number, body: unknown): VendorError;
	/** Seconds the vendor asked to wait, when it says so in the body rather than a header. */
	retryAfterFromBody?(body: unknown): number | undefined;
	/** A vendor that makes repeated requests safe with a key per request. */
	idempotency?: Idempotency;
	/**
	 * Requests that finish the item after the upsert, sent in order to the contact it returned
	 * (tags, custom fields). Empty when the item asks for none. Pure.
	 */
	followUps?(input: Input, contactId: string, connection: Connection): FollowUp[];
	/** A vendor that may queue an upsert instead of running it, and whose upserts may be repeated. */
	queue?: Queue;
}

/** How a vendor keys requests so that a repeated one is safe. */
export interface Idempotency {
	/** The header that carries the key. Pure. */
	header(key: string): Record<string, string>;
	/** Whether a status means a first attempt with the same key is still being processed. Pure. */
	stillProcessing(statusCode: number): boolean;
}

/** A vendor's queued requests, and the Options entries (its `options`) that follow and repeat them. */
export interface Queue {
	/** The ID of a request the vendor queued instead of running, if it did. Pure. */
	queuedId(body: unknown): string | undefined;
	/** The request that reads a queued request's state. Pure. */
	request(queuedId: string, connection: Connection): VendorRequest;
	/** Reads a queued request's state: still running, or finished with the real answer. Pure. */
	read(body: unknown): QueuedState;
	/** Reads the item's Options entries for queued requests and repeats. Pure. */
	settings(options: IDataObject): QueueSettings | InvalidOption;
}

/** How one item follows a queued upsert and repeats it, from its Options. */
export interface QueueSettings {
	/** Follow a queued upsert until it finishes. */
	waitForQueued: boolean;
	/** Longest total wait for a queued request, in milliseconds. */
	maxQueuedWaitMs: number;
	/** How many times to send the upsert again after it succeeded. */
	repeatTimes: number;
	/** Wait before each repeat, in milliseconds. */
	repeatDelayMs: number;
}

/** An entry of Options that is not what it must be: its label, and what it must be instead. */
export interface InvalidOption {
	invalid: string;
	expected: string;
	/** The value as entered, quoted, when the message names it ("… is not <expected>"). */
	shown?: string;
	/** What to do, when it is more than "fix the option". */
	hint?: string;
}

/** A provider's dropdown sources, merged into the node's `methods`. */
export interface ProviderMethods {
	listSearch?: Record<
		string,
		(read: ListReader, filter?: string) => Promise<INodeListSearchResult>
	>;
	loadOptions?: Record<string, (read: ListReader) => Promise<INodePropertyOptions[]>>;
}

/** GETs one of the vendor's lists with the node's credential, through the engine's transport. */
export type ListReader = (path: string, qs?: IDataObject) => Promise<unknown>;

/** One request sent after the upsert, named for messages and previews. */
export interface FollowUp {
	/** What the step does, e.g. `add tags`; error messages and previews name it. */
	step: string;
	request: VendorRequest;
	/**
	 * The same change in the vendor's other documented form, sent when the first one is refused
	 * with 404 or 405 (a route the vendor's deployment does not have).
	 */
	alternative?: VendorRequest;
}

/** A queued request still running, or finished with the status and body the vendor produced. */
export type QueuedState = { done: false } | { done: true; statusCode: number; body: unknown };

/** One entry of a dropdown the node loads from a vendor: what the user sees and what is saved. */
export interface ListOption {
	name: string;
	value: string | number;
	description?: string;
}

/** A parameter whose value the canvas subtitle names, and the short name of each value. */
export interface SubtitleDetail {
	parameter: string;
	labels: Readonly<Record<string, string>>;
}

/**
 * What a provider file writes: one vendor's fields and pure functions. Adding a vendor means one
 * of these, its credential, its icons and its sandbox vendor; the registry does the rest.
 */
export type ProviderDefinition<Input = unknown> = Omit<
	Provider<Input>,
	'parameterNames' | 'labels'
>;

/**
 * Completes a provider from its definition (parameter names and labels come from its
 * properties), cuts whatever vendor text its `describeError` quotes to a readable length, and
 * erases its input type: the loop only passes a provider's own parsed input back to it.
 */
export function defineProvider<Input>(definition: ProviderDefinition<Input>): Provider<unknown> {
	const provider: Provider<Input> = {
		...definition,
		parameterNames: itemParameterNames(definition.properties),
		labels: fieldLabels(definition.properties),
		describeError: (statusCode, body) =>
			quoteVendorError(definition.describeError(statusCode, body)),
	};
	return provider as unknown as Provider<unknown>;
}
