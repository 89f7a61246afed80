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

/** One node's remembered entries, for one run. */
export interface RememberedStore {
	/**
	 * Which of `entries` are remembered, recording nothing: n8n only has a call that checks and
	 * records at once, so the new ones are removed again straight away, in the same turn, before
	 * any other execution in this process reads the store.
	 */
	remembered(entries: string[], forgetFirst: boolean): Promise<Set<string>>;
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
	return {
		remembered: async (entries, forgetFirst) =>
			await serialized(key, async () => {
				if (forgetFirst) await helpers.clearAllProcessedItems('node', ENTRIES);
				if (entries.length === 0) return new Set<string>();
				// No maxEntries here: entries added only to be removed again must never push out
				// remembered ones.
				const checked = await helpers.checkProcessedAndRecord(entries, 'node', ENTRIES);
				if (checked.new.length > 0) await helpers.removeProcessed(checked.new, 'node', ENTRIES);
				return new Set(checked.processed.map(String));
			}),
		remember: async (entries, maxEntries) => {
			if (entries.length === 0) return;
			await serialized(key, async () => {
				await helpers.checkProcessedAndRecord(entries, 'node', { ...ENTRIES, maxEntries });
			});
		},
	};
}
