import type { INodeProperties } from 'n8n-workflow';

import { additionalFieldsField, emailField, personNameField } from '../../engine/sharedFields';
import { chatbotxContactDataProperties } from './contactData';

export const properties: INodeProperties[] = [
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'email:jane@example.com',
		description:
			'How ChatbotX finds the contact: email:…, phone:… or ID:…, or a bare e-mail, phone number or ID (the prefix is added), e.g. email:jane@example.com or +56 9 6123 4567',
	},
	{
		displayName:
			'ChatbotX creates a contact only for email: and phone: identifiers, and only if the workspace has a webchat inbox. An ID: identifier must belong to an existing contact.',
		name: 'chatbotxNotice',
		type: 'notice',
		default: '',
	},
	additionalFieldsField([
		{
			displayName: 'Avatar URL',
			name: 'avatar',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/photos/jane.png',
			description:
				'Image URL for the contact, e.g. https://example.com/photos/jane.png; ChatbotX downloads and stores it',
		},
		emailField('jane@example.com', ' (at most 100 characters)'),
		personNameField('firstName', 'Jane', ' (at most 100 characters)'),
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'female' },
				{ name: 'Male', value: 'male' },
				{ name: 'Unknown', value: 'unknown' },
			],
			default: 'unknown',
			description: "The contact's gender: female, male or unknown",
		},
		personNameField('lastName', 'Doe', ' (at most 100 characters)'),
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+56 9 1234 5678',
			description:
				"The contact's phone number in any common format, e.g. +56 9 6123 4567; sent as E.164 (10 to 20 digits). Numbers without a country code use Options → Default Country.",
		},
	]),
	...chatbotxContactDataProperties,
];
