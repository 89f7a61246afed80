import type { INodeProperties } from 'n8n-workflow';

import { fixedCollectionSchema, quote, RowIssue, scalarText } from '../../engine/fieldSchemas';
import { chunks, numericIdList } from '../../engine/idList';
import { encodeSegment, joinUrl } from '../../engine/url';
import { asRecord, text } from '../../engine/vendorMessage';
import type { Connection, FollowUp, ListOption } from '../../engine/provider';

/**
 * ChatbotX tags and custom fields: set on the contact the upsert returned, by its ID, in
 * follow-up requests (ChatbotX's upsert does not take them). Sources: ChatbotX's public API
 * reference and its open-source server (see README, "What the vendors leave open").
 */

/** One custom field to set: its numeric ID and the value, as text. */
export interface ChatbotxCustomFieldValue {
	customFieldId: string;
	value: string;
}

/** What the follow-ups need from a ChatbotX item. */
export interface ChatbotxContactData {
	tagIds: string[];
	customFields: ChatbotxCustomFieldValue[];
}

/** ChatbotX takes at most 100 tag IDs and 20 custom fields per request. */
const TAGS_PER_REQUEST = 100;
const FIELDS_PER_REQUEST = 20;

/** The Tags and Custom Fields parameters (gated on ChatbotX by the provider file). */
export const chatbotxContactDataProperties: INodeProperties[] = [
	{
		displayName: 'Tag Names or IDs',
		name: 'chatbotxTags',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getChatbotxTags' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Added to the contact after the upsert; tags it already has stay. By expression: tag IDs, e.g. 11590944070189001,11590944070189002.',
	},
	{
		displayName: 'Contact Custom Fields',
		name: 'chatbotxCustomFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Custom field values to set on the contact after the upsert; fields not listed keep their values',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Custom Field Name or ID',
						name: 'customFieldId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getChatbotxCustomFields' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						hint: 'The custom field to set. By expression: its ID, e.g. 11590944070189100.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'Gold',
						description: 'The value to set, as text (numbers, dates and booleans too), e.g. Gold',
					},
				],
			},
		],
	},
];

/** The Tags parameter: numeric tag IDs. */
export const chatbotxTagsSchema = numericIdList({
	what: 'ChatbotX tag',
	example: '11590944070189001',
});

/** The Custom Fields parameter: `{ field: [{ customFieldId, value }] }` rows. */
export const chatbotxCustomFieldsSchema = fixedCollectionSchema<ChatbotxCustomFieldValue>(
	'must be a list of custom field and value rows. Use "Add Custom Field".',
	(entry, position, earlier) => {
		const id = scalarText(entry.customFieldId)?.trim();
		if (!id) {
			return new RowIssue(`row ${position + 1} has no custom field. Pick one or remove the row.`);
		}
		if (!/^\d{1,30}$/.test(id)) {
			return new RowIssue(
				`${quote(id)} is not a ChatbotX custom field ID (digits only). Pick the field from the list.`,
			);
		}
		const fieldValue = scalarText(entry.value);
		if (fieldValue === undefined) {
			return new RowIssue(`the value for custom field ${id} must be text, a number or a boolean.`);
		}
		if (earlier.some((field) => field.customFieldId === id)) {
			return new RowIssue(`custom field ${id} appears twice. Keep one row per field.`);
		}
		return { customFieldId: id, value: fieldValue };
	},
);

function partLabel(step: string, index: number, count: number): string {
	return count > 1 ? `${step} (part ${index + 1} of ${count})` : step;
}

/**
 * The follow-ups for one contact, in order: custom fields first, so that an automation ChatbotX
 * starts when a tag is added already sees the new values; then tags. Custom fields go as
 * `PATCH …/custom-fields` with `set` operations, the form every revision of ChatbotX's server
 * has; `PUT …/custom-fields` with `fields` (the form ChatbotX's reference pages show) is the
 * alternative when a deployment answers 404/405 to the first. Pure.
 */
export function chatbotxFollowUps(
	data: ChatbotxContactData,
	contactId: string,
	connection: Connection,
): FollowUp[] {
	const contact = joinUrl(connection.baseUrl, `/v1/contacts/${encodeSegment(`id:${contactId}`)}`);
	const steps: FollowUp[] = [];
	const fieldRuns = chunks(data.customFields, FIELDS_PER_REQUEST);
	fieldRuns.forEach((run, index) => {
		steps.push({
			step: partLabel('set custom fields', index, fieldRuns.length),
			request: {
				method: 'PATCH',
				url: `${contact}/custom-fields`,
				body: {
					operations: run.map(({ customFieldId, value }) => ({
						customFieldId,
						operation: 'set',
						value,
					})),
				},
			},
			alternative: {
				method: 'PUT',
				url: `${contact}/custom-fields`,
				body: { fields: run.map(({ customFieldId, value }) => ({ customFieldId, value })) },
			},
		});
	});
	const tagRuns = chunks(data.tagIds, TAGS_PER_REQUEST);
	tagRuns.forEach((run, index) => {
		steps.push({
			step: partLabel('add tags', index, tagRuns.length),
			request: { method: 'POST', url: `${contact}/tags`, body: { tagIds: run } },
		});
	});
	return steps;
}

/** Where ChatbotX lists tags and custom fields, and how many to ask for per page. */
export const CHATBOTX_LISTS = {
	tags: '/v1/tags',
	customFields: '/v1/custom-fields',
	perPage: 50,
} as const;

/**
 * One page of `GET /v1/tags` or `GET /v1/custom-fields` (`{ data: [...] }`) as dropdown
 * entries, and how many items the page held (a page shorter than asked for is the last). Pure.
 */
export function chatbotxListPage(
	body: unknown,
	kind: 'tags' | 'customFields',
): { options: ListOption[]; size: number } {
	const data = asRecord(body)?.data;
	const items = Array.isArray(data) ? data : [];
	const options: ListOption[] = [];
	for (const item of items) {
		const record = asRecord(item);
		const id = text(record?.id);
		if (!record || !id) continue;
		const name = text(record.name) ?? id;
		if (kind === 'tags') {
			const emoji = text(record.emoji);
			options.push({ name: emoji ? `${emoji} ${name}` : name, value: id });
		} else {
			const type = text(record.type);
			options.push({ name, value: id, ...(type ? { description: `Type: ${type}` } : {}) });
		}
	}
	return { options, size: items.length };
}
