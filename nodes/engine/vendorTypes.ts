import type { IDataObject } from 'n8n-workflow';

/**
 * The data shapes shared between the providers and the shared machinery (transport, errors,
 * field helpers). They live here, below both, so that nothing in shared/ imports from providers/.
 */

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

/** What an error message needs to know about the vendor it talks about. */
export interface VendorIdentity {
	displayName: string;
}

/** What sending a request and reading a vendor's answers needs to know about the vendor. */
export interface VendorAnswers extends VendorIdentity {
	/** Lifts the vendor's own message out of an error response body. */
	describeError(statusCode: number, body: unknown): VendorError;
	/** Whether a 2xx body still reports a failure (e.g. `{ success: false }`). */
	reportsFailure?(body: unknown): boolean;
	/** Seconds the vendor asked to wait, when it says so in the body rather than a header. */
	retryAfterFromBody?(body: unknown): number | undefined;
	/** Adds a header that makes a repeated request safe (ChatbotX's Idempotency-Key). */
	idempotencyHeader?(key: string): Record<string, string>;
}
