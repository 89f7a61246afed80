import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields that several providers show, made once. Each provider passes what differs (its example,
 * a vendor limit); the name, type and wording stay the same everywhere.
 */

/** The `additionalFields` collection: a provider's optional fields. */
export function additionalFieldsField(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** An optional e-mail field, e.g. in a provider's Additional Fields. */
export function emailField(example: string, note = ''): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: `The contact's e-mail address, e.g. ${example}${note}`,
	};
}

/** The contact's first or last name. */
export function personNameField(
	part: 'firstName' | 'lastName',
	example: string,
	note = '',
): INodeProperties {
	const label = part === 'firstName' ? 'First Name' : 'Last Name';
	return {
		displayName: label,
		name: part,
		type: 'string',
		default: '',
		placeholder: example,
		description: `The contact's ${label.toLowerCase()}, e.g. ${example}${note}`,
	};
}

/** What one vendor calls a custom field's key and value, with examples. */
export interface CustomFieldsWording {
	description: string;
	key: { placeholder: string; description: string };
	value: { placeholder: string; description: string };
}

/**
 * The `customFields` fixedCollection of `{ key, value }` rows (read by `keyValues()` in
 * fieldSchemas.ts). Its parameter names are saved in workflows: `customFields`, `field`, `key`, `value`.
 */
export function customFieldsField(wording: CustomFieldsWording): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: wording.description,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						...wording.key,
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						...wording.value,
					},
				],
			},
		],
	};
}
