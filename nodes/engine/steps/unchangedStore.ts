/**
 * This node's memory for "Skip Unchanged Contacts": n8n's deduplication store (one database row
 * per workflow and node, shared by the main process and every queue-mode worker), reached through
 * the helpers n8n gives every node.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

/** The store's mode: a list of values, pruned oldest first. */
const ENTRIES = { mode: 'entries' } as const;

/**
 * n8n reads and rewrites the whole row on every call, without a transaction: two calls at once
 * can lose each other's writes. Calls for one node of one workflow are therefore made one after
 * another within this process, across every execution it runs.
 */
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const next = previous.then(work, work);
	const settled = next.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, settled);
	void settled.then(() => {
		if (queues.get(key) === settled) queues.delete(key);
	});
	return next;
}

/**
 * Reading the memory failed after n8n recorded entries for contacts that were not sent, and they
 * could not be removed again. `forgotten`: the node's whole memory was cleared instead.
 */
export interface StoreLeftDirty {
	reason: unknown;
	forgotten: boolean;
}

/** One node's remembered entries, for one run. */
export interface RememberedStore {
	/**
	 * Which of `entries` are remembered, recording nothing: n8n only has a call that checks and
	 * records at once, so the new ones are removed again straight away, in the same turn, before
	 * any other execution in this process reads the store.
	 */
	remembered(entries: string[], forgetFirst: boolean): Promise<Set<string> | StoreLeftDirty>;
	/** Remembers `entries` (oldest dropped beyond `maxEntries`). */
	remember(entries: string[], maxEntries: number): Promise<void>;
}

/** The store of the node this context runs, or undefined when this n8n has none. */
export function openStore(context: IExecuteFunctions): RememberedStore | undefined {
	const helpers = context.helpers;
	if (
		typeof helpers.checkProcessedAndRecord !== 'function' ||
		typeof helpers.removeProcessed !== 'function' ||
		typeof helpers.clearAllProcessedItems !== 'function'
	) {
		return undefined;
	}
	const key = `${context.getWorkflow().id ?? ''} ${context.getNode().id}`;
	/**
	 * Removes the entries a check recorded although nothing was sent for them. Left there, they
	 * would skip contacts the vendor never received: when removing fails twice, this node's whole
	 * memory is forgotten instead (the next run sends everything), and the error says which.
	 */
	const removeChecked = async (added: string[]): Promise<StoreLeftDirty | undefined> => {
		for (let attempt = 1; ; attempt++) {
			try {
				await helpers.removeProcessed(added, 'node', ENTRIES);
				return undefined;
			} catch (reason) {
				// A busy database often answers the second time.
				if (attempt < 2) continue;
				try {
					await helpers.clearAllProcessedItems('node', ENTRIES);
					return { reason, forgotten: true };
				} catch {
					return { reason, forgotten: false };
				}
			}
		}
	};
	return {
		remembered: async (entries, forgetFirst) =>
			await serialized(key, async () => {
				if (forgetFirst) await helpers.clearAllProcessedItems('node', ENTRIES);
				if (entries.length === 0) return new Set<string>();
				// No maxEntries here: entries added only to be removed again must never push out
				// remembered ones.
				const checked = await helpers.checkProcessedAndRecord(entries, 'node', ENTRIES);
				const dirty =
					checked.new.length > 0 ? await removeChecked(checked.new.map(String)) : undefined;
				return dirty ?? new Set(checked.processed.map(String));
			}),
		remember: async (entries, maxEntries) => {
			if (entries.length === 0) return;
			await serialized(key, async () => {
				await helpers.checkProcessedAndRecord(entries, 'node', { ...ENTRIES, maxEntries });
			});
		},
	};
}
