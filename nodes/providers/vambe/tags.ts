import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { numericIdList } from '../../engine/idList';
import { encodeSegment, joinUrl } from '../../engine/url';
import { asRecord, text } from '../../engine/vendorMessage';
import type { Connection, FollowUp, ListOption } from '../../engine/provider';

/**
 * Vambe contact tags: `PATCH /api/public/contact/tags/{aiContactId}` with `{ tagsIds }`, which
 * REPLACES every tag the contact has (Vambe's reference: "completely replaces the contact's
 * current tags"). Sent after the upsert to the contact it returned, and only when tags are given:
 * an empty list would remove them all.
 */

/** Where Vambe lists its tags. */
export const VAMBE_TAGS_PATH = '/api/public/tags';

/** The Tags parameter (gated on Vambe by the provider file). */
export const vambeTagsProperty: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'vambeTags',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getVambeTags' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: "Replaces ALL of the contact's tags after the upsert: tags not listed are removed. Empty keeps the contact's tags as they are. By expression: tag IDs, e.g. 12,15.",
};

/** The Tags parameter: Vambe's numeric tag IDs, as numbers. */
export const vambeTagsSchema = numericIdList({ what: 'Vambe tag', example: '12, 15' }).transform(
	(ids, ctx): number[] => {
		const numbers = ids.map(Number);
		const unsafe = ids.find((id, index) => !Number.isSafeInteger(numbers[index]));
		if (unsafe !== undefined) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `"${unsafe}" is not a Vambe tag ID: Vambe's tag IDs are small whole numbers.`,
			});
			return z.NEVER;
		}
		return numbers;
	},
);

/** The tag follow-up for one contact; none when no tags are given. Pure. */
export function vambeTagFollowUps(
	tagIds: readonly number[],
	contactId: string,
	connection: Connection,
): FollowUp[] {
	if (tagIds.length === 0) return [];
	return [
		{
			step: 'replace tags',
			request: {
				method: 'PATCH',
				url: joinUrl(connection.baseUrl, `/api/public/contact/tags/${encodeSegment(contactId)}`),
				body: { tagsIds: [...tagIds] },
			},
		},
	];
}

/**
 * `GET /api/public/tags` as dropdown entries: contact tags only (ticket tags cannot be put on a
 * contact), by name. Pure.
 */
export function vambeTagOptions(body: unknown): ListOption[] {
	const options: ListOption[] = [];
	for (const item of Array.isArray(body) ? body : []) {
		const record = asRecord(item);
		const id = record?.id;
		if (!record || typeof id !== 'number' || !Number.isSafeInteger(id)) continue;
		const kind = text(record.entity_type);
		if (kind && kind.toUpperCase() !== 'CONTACT') continue;
		options.push({ name: text(record.value) ?? text(record.name) ?? String(id), value: id });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
