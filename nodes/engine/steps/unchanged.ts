/**
 * Options → Skip Unchanged Contacts: an item is sent only when the requests it would send differ
 * from the last ones that succeeded for its contact through this node. What is remembered is a
 * fingerprint per contact, hashed, so n8n's database never holds a phone number, an e-mail or a
 * credential in clear. Only whole successes are remembered, after the run's requests are done.
 * Over 300 lines because the pre-pass, the decisions at each contact's turn and the recording
 * share one run's state (one class).
 */
import { sleep, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { unchangedOptionError, unchangedStoreError } from '../errors';
import { readItemInput, type ItemInput } from '../input';
import { DEFAULT_REMEMBER_UP_TO, MAX_REMEMBER_UP_TO, flag, integerIn } from '../options';
import type { NormalizedContact, Provider } from '../provider';
import type { Run } from '../run';
import { sha256Hex as sha256 } from '../sha256';
import { openStore, type RememberedStore, type StoreLeftDirty } from './unchangedStore';

/** Items read and hashed before the first request between two turns of n8n's event loop. */
const ITEMS_PER_TURN = 64;

/** The output item's `skipReason` for an item that was not sent. */
export const SKIP_REASON = 'Unchanged since the last successful upsert by this node';

/** What the vendor's answer would supply, written where a follow-up request names it. */
const CONTACT_ID = '{contactId}';

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

/**
 * The fingerprint of one item: its contact on this account, and every request it would send: the
 * upsert and the follow-ups (tags, custom fields), built before sending with a stand-in for the
 * contact ID. The account is the credential and its secret values, so another credential, or a
 * new key in the same credential (often another account), sends again; the key only ever enters
 * the hash. Idempotency headers are added later and n8n adds the credential, so neither is part
 * of the requests.
 */
export function itemFingerprint(
	provider: Provider<unknown>,
	run: Pick<Run, 'connection' | 'secrets'>,
	credentialId: string,
	parsed: unknown,
): ContactFingerprint {
	const upsert = provider.buildRequest(parsed, run.connection);
	const followUps = provider.followUps?.(parsed, CONTACT_ID, run.connection) ?? [];
	return contactFingerprint(
		[provider.credentialType, credentialId, ...run.secrets, provider.contactKey(parsed)].join('\n'),
		[
			upsert,
			...followUps.map(({ step, request, alternative }) => ({ step, request, alternative })),
		],
	);
}

/** Options read once, with the first item, for the whole run. */
interface RunSettings {
	rememberUpTo: number;
	forget: boolean;
}

/** This run's decisions about unchanged contacts. */
export class UnchangedContacts {
	/** Inputs read before the loop, so the loop does not read them again. */
	private readonly inputs = new Map<number, ItemInput>();

	/** Every item with valid input, by index: its contact and requests. */
	private readonly fingerprints = new Map<number, ContactFingerprint>();

	/** The items that take part (Skip Unchanged Contacts on). */
	private readonly taking = new Set<number>();

	/** Like `lastSent`, for what a preview item would have done. */
	private readonly previewSent = new Map<string, string>();

	/** Items decided before the loop: skipped, with their output item. */
	private readonly decided = new Map<number, INodeExecutionData>();

	/** Entries the store remembered when the run started. */
	private remembered = new Set<string>();

	/**
	 * Per contact key, what this run last did: the entry the vendor now holds, or SENDING while
	 * (or after) a request whose outcome is not a success. Overrides what the store said.
	 */
	private readonly lastSent = new Map<string, string>();

	/**
	 * Per contact key, the entry of its last item whose upsert and every follow-up succeeded:
	 * what the vendor holds now. An earlier row of the run for the same contact is not kept.
	 */
	private readonly succeeded = new Map<string, string>();

	constructor(
		private readonly run: Run,
		private readonly store: RememberedStore,
		private readonly settings: RunSettings,
	) {}

	/**
	 * Reads every item, fingerprints those that take part and asks the store once which are
	 * remembered. An item whose contact appears only once in the run is decided now; the others
	 * are decided at their contact's turn, in input order, since an earlier item may change what
	 * the vendor holds.
	 */
	async start(itemCount: number): Promise<void> {
		const { provider } = this.run;
		const keyCount = new Map<string, number>();
		const credentialId =
			this.run.context.getNode().credentials?.[provider.credentialType]?.id ?? '';
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			let input: ItemInput;
			try {
				input = readItemInput(this.run, itemIndex);
			} catch {
				// Fails again, with its message, when the loop reaches it; nothing is sent for it.
				continue;
			}
			this.inputs.set(itemIndex, input);
			// Every item's contact counts, also one with the option off: it still changes what the
			// vendor holds for the contact's later rows.
			const fingerprint = itemFingerprint(provider, this.run, credentialId, input.parsed);
			this.fingerprints.set(itemIndex, fingerprint);
			if (input.options.skipUnchanged) this.taking.add(itemIndex);
			keyCount.set(fingerprint.keyHash, (keyCount.get(fingerprint.keyHash) ?? 0) + 1);
			// Reading and hashing is synchronous: let n8n's event loop run between batches of items.
			if (itemIndex % ITEMS_PER_TURN === ITEMS_PER_TURN - 1) await sleep(0);
		}
		const entries = [
			...new Set([...this.taking].map((itemIndex) => this.fingerprints.get(itemIndex)!.entry)),
		];
		const forget = this.settings.forget;
		// Forgetting waits for a run that sends: one whose items are all previews (or unreadable)
		// changes nothing and shows the run after forgetting, where nothing is skipped.
		const sends = [...this.inputs.values()].some((input) => !input.options.previewOnly);
		if (forget && !sends) {
			this.remembered = new Set();
		} else {
			const node = this.run.context.getNode();
			let remembered: Set<string> | StoreLeftDirty;
			try {
				remembered = await this.store.remembered(entries, forget);
			} catch (error) {
				throw unchangedStoreError(node, 'read', error);
			}
			if (!(remembered instanceof Set)) {
				const action = remembered.forgotten ? 'read, memory forgotten' : 'read, memory left';
				throw unchangedStoreError(node, action, remembered.reason);
			}
			this.remembered = remembered;
		}
		for (const [itemIndex, fingerprint] of this.fingerprints) {
			if (!this.taking.has(itemIndex)) continue;
			const input = this.inputs.get(itemIndex) as ItemInput;
			if (keyCount.get(fingerprint.keyHash) !== 1 || input.options.previewOnly) continue;
			if (!this.remembered.has(fingerprint.entry)) continue;
			const simplify = this.run.parameters.get('simplify', itemIndex, true) as boolean;
			this.decided.set(itemIndex, {
				json: this.skippedJson(input, simplify),
				pairedItem: { item: itemIndex },
			});
		}
	}

	/** Puts the output items of items decided before the loop into the run's results. */
	fill(results: INodeExecutionData[]): void {
		for (const [itemIndex, item] of this.decided) results[itemIndex] = item;
	}

	/** The item's input, read before the loop; undefined when it must be read (and fail) again. */
	takeInput(itemIndex: number): ItemInput | undefined {
		const input = this.inputs.get(itemIndex);
		this.inputs.delete(itemIndex);
		return input;
	}

	/**
	 * At the item's turn for its contact: whether it is skipped. An item that is not skipped is
	 * about to be sent; a preview counts as sent successfully, to show what a real run would do.
	 */
	skips(itemIndex: number, preview = false): boolean {
		const fingerprint = this.fingerprints.get(itemIndex);
		if (!fingerprint) return false;
		// A preview imagines its items sent; what it imagines never decides a real item.
		const lastSent = preview ? this.previewSent : this.lastSent;
		const last = lastSent.get(fingerprint.keyHash) ?? this.lastSent.get(fingerprint.keyHash);
		const skip =
			this.taking.has(itemIndex) &&
			(last === undefined ? this.remembered.has(fingerprint.entry) : last === fingerprint.entry);
		// Skipped: the vendor holds this entry (as the store says); sent: unknown until it succeeds.
		lastSent.set(fingerprint.keyHash, skip || preview ? fingerprint.entry : SENDING);
		return skip;
	}

	/**
	 * The item's upsert and every follow-up succeeded: the vendor holds it now; remembered when the
	 * run ends if the item takes part.
	 */
	sent(itemIndex: number): void {
		const fingerprint = this.fingerprints.get(itemIndex);
		if (!fingerprint) return;
		this.lastSent.set(fingerprint.keyHash, fingerprint.entry);
		if (this.taking.has(itemIndex)) this.succeeded.set(fingerprint.keyHash, fingerprint.entry);
	}

	/** What a preview adds to its item when it takes part: whether a real run would skip it. */
	previewMark(itemIndex: number): IDataObject {
		if (!this.fingerprints.has(itemIndex)) return {};
		const skip = this.skips(itemIndex, true);
		if (!this.taking.has(itemIndex)) return {};
		return skip
			? { skipped: true, skipReason: `${SKIP_REASON}: a real run sends nothing for this item` }
			: { skipped: false };
	}

	/** The output of a skipped item: marked, with what Simplify shows that is known without the vendor. */
	skippedJson(input: ItemInput, simplify: boolean): IDataObject {
		const known: IDataObject = simplify ? expectedContact(this.run.provider, input.parsed) : {};
		const json: IDataObject = { ...known, skipped: true, skipReason: SKIP_REASON };
		return input.phoneNotes.length > 0 ? { ...json, phoneNotes: input.phoneNotes } : json;
	}

	/**
	 * Remembers the items that succeeded, in one call, after the run's requests. A failure here
	 * loses nothing sent: those contacts are sent again next time, so it is logged, not thrown.
	 */
	async finish(): Promise<void> {
		if (this.succeeded.size === 0) return;
		try {
			await this.store.remember([...this.succeeded.values()], this.settings.rememberUpTo);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			this.run.context.logger?.warn(
				`Skip Unchanged Contacts could not remember the contacts sent (${reason}); the next run sends them again.`,
			);
		}
	}
}

/** Marks a contact key whose last request in this run has not (yet) succeeded. */
const SENDING = 'sending';

/** The simplified output a skipped item shows: the provider's, from the input alone. */
function expectedContact(provider: Provider<unknown>, parsed: unknown): NormalizedContact {
	return provider.expected?.(parsed) ?? provider.normalize(undefined, parsed);
}

/**
 * Reads the run-level options (with the first item) and, when any item may take part, opens this
 * node's store and decides what it can before the loop. Undefined when no item can take part
 * and nothing is to be forgotten.
 */
export async function openUnchanged(
	run: Run,
	itemCount: number,
): Promise<UnchangedContacts | undefined> {
	const { context } = run;
	const node = context.getNode();
	const saved = (node.parameters.options ?? {}) as IDataObject;
	// Only what is set is read: a failing expression elsewhere in Options fails its item, not the run.
	if (!saved.skipUnchanged && !saved.forgetRemembered) return undefined;
	const forget = flag(readFirst(run, 'forgetRemembered', 'Forget Remembered Contacts', false));
	if (forget === undefined) {
		throw unchangedOptionError(node, 'Forget Remembered Contacts', 'must be true or false');
	}
	const rememberUpTo = integerIn(
		readFirst(run, 'rememberUpTo', 'Remember Up To', DEFAULT_REMEMBER_UP_TO),
		1,
		MAX_REMEMBER_UP_TO,
		DEFAULT_REMEMBER_UP_TO,
	);
	if (rememberUpTo === undefined) {
		const problem = `must be a whole number from 1 to ${MAX_REMEMBER_UP_TO}`;
		throw unchangedOptionError(node, 'Remember Up To', problem);
	}
	const store = openStore(context);
	if (!store)
		throw unchangedStoreError(node, 'open', 'this n8n gives nodes no deduplication store');
	const unchanged = new UnchangedContacts(run, store, { rememberUpTo, forget });
	await unchanged.start(itemCount);
	return unchanged;
}

/** One entry of Options for the first item; a value that cannot be read stops the run. */
function readFirst(run: Run, name: string, label: string, fallback: unknown): unknown {
	try {
		return run.context.getNodeParameter(`options.${name}`, 0, fallback as boolean | number);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw unchangedOptionError(run.context.getNode(), label, `could not be read: ${reason}`);
	}
}
