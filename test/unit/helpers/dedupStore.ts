import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import { sleep } from 'n8n-workflow';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

/**
 * n8n's deduplication store as n8n 1.123 and 2.41 implement it (`DeduplicationHelper`, entries
 * mode): one row per workflow and `n:<node id>`, holding md5 hashes in insertion order; a check
 * records every new value (duplicates within one call included) and, with `maxEntries`, drops the
 * oldest; a value already there is not moved. Like n8n, every call reads the row, waits (the
 * database round trip) and writes it back whole, without a transaction: two calls at once lose
 * one's write. Counts calls, so a test can show a run makes a handful, not one per item.
 */
export class FakeDeduplicationStore implements IDataDeduplicator {
	readonly rows = new Map<string, string[]>();

	readonly calls: string[] = [];

	/** When set, the next call of that kind rejects with this error. */
	failNext?: { call: string; error: Error };

	private row(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		return `${context.workflow.id} ${scope === 'node' ? `n:${context.node?.id}` : ''}`;
	}

	private called(call: string): void {
		this.calls.push(call);
		if (this.failNext?.call === call) {
			const { error } = this.failNext;
			this.failNext = undefined;
			throw error;
		}
	}

	/** A writing call's first half: count it, read its row, then the database round trip. */
	private async read(
		call: string,
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<{ key: string; stored: string[] | undefined }> {
		this.called(call);
		const key = this.row(scope, context);
		const stored = this.rows.get(key);
		await roundTrip();
		return { key, stored };
	}

	static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const { key, stored } = await this.read('check', scope, context);
		const hashes = items.map(FakeDeduplicationStore.hash);
		const data = [...(stored ?? [])];
		const known = new Set(stored ?? []);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (known.has(hash)) output.processed.push(items[index]);
			else {
				output.new.push(items[index]);
				data.push(hash);
			}
		});
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		this.rows.set(key, data);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		const { key, stored } = await this.read('remove', scope, context);
		if (!stored) return;
		const data = [...stored];
		for (const hash of items.map(FakeDeduplicationStore.hash)) {
			const index = data.indexOf(hash);
			if (index !== -1) data.splice(index, 1);
		}
		this.rows.set(key, data);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		this.called('clear');
		this.rows.delete(this.row(scope, context));
		await Promise.resolve();
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<number> {
		this.called('count');
		return await Promise.resolve(this.rows.get(this.row(scope, context))?.length ?? 0);
	}

	/** Every value remembered for one node of the test workflow. */
	size(nodeId: string): number {
		return this.rows.get(`test-workflow n:${nodeId}`)?.length ?? 0;
	}

	reset(): void {
		this.rows.clear();
		this.calls.length = 0;
		this.failNext = undefined;
	}
}

/** The time between reading the row and writing it back. */
async function roundTrip(): Promise<void> {
	await sleep(0);
}

let store: FakeDeduplicationStore | undefined;

/** The store n8n-core's helpers use in this test file (n8n initializes it once per process). */
export async function deduplicationStore(): Promise<FakeDeduplicationStore> {
	if (!store) {
		store = new FakeDeduplicationStore();
		await DataDeduplicationService.init(store);
	}
	return store;
}
