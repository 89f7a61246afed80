/**
 * What the node outputs for an item: the shapes a user reads after a run (the vendor's answer or
 * the simplified contact, a preview, or an error in the shape n8n's error output accepts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemError } from '../errors';
import type { NormalizedContact } from '../provider';

/** A finished upsert's output: the simplified contact, or the vendor's answer as JSON. */
export function upsertJson(
	finished: { body: unknown; normalized: NormalizedContact },
	simplify: boolean,
): IDataObject {
	return simplify ? (finished.normalized as IDataObject) : asJsonObject(finished.body);
}

/**
 * The output item of a sent or previewed item, paired to its input. `phoneNotes` is added only
 * when the node changed a number's digits (see README, Phone numbers).
 */
export function itemOutput(
	json: IDataObject,
	phoneNotes: string[],
	itemIndex: number,
): INodeExecutionData {
	const withNotes = phoneNotes.length > 0 ? { ...json, phoneNotes } : json;
	return { json: withNotes, pairedItem: { item: itemIndex } };
}

/** The output item for a failed input item, in the shape n8n's error output accepts. */
export function errorOutput(error: ItemError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

function asJsonObject(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (Array.isArray(body)) return { data: body };
	return body === undefined || body === null || body === '' ? {} : { body: body as string };
}
