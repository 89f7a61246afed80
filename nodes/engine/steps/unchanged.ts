/**
 * The fingerprint "Skip Unchanged Contacts" remembers for a contact: the contact's key and the
 * whole request (follow-up steps included), each hashed, so n8n's database never holds a phone
 * number, an e-mail or a credential in clear.
 */
import { sha256Hex as sha256 } from '../sha256';

/** What is remembered for one contact: `<key hash>:<request hash>`. */
export interface ContactFingerprint {
	/** sha256 of the contact's normalized key; one contact, one key hash. */
	keyHash: string;
	/** sha256 of the requests the node would send, in order; any sent change changes it. */
	requestHash: string;
	/** The value stored in n8n's deduplication store. */
	entry: string;
}

/** JSON with object keys sorted, so the order a provider builds a body in never matters. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const keys = Object.keys(record)
			.filter((name) => record[name] !== undefined)
			.sort();
		return `{${keys.map((name) => `${JSON.stringify(name)}:${canonical(record[name])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of one contact's upsert. `key` is the normalized same-contact identity the
 * engine computes; `requests` are the vendor requests (main upsert, then follow-ups) as built,
 * after normalization, without the credential n8n adds.
 */
export function contactFingerprint(key: string, requests: readonly unknown[]): ContactFingerprint {
	const keyHash = sha256(key);
	const requestHash = sha256(canonical(requests));
	return { keyHash, requestHash, entry: `${keyHash}:${requestHash}` };
}
