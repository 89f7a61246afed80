import type { INodeProperties } from 'n8n-workflow';

/**
 * What the item loop needs to know about a provider's fields, read off the fields themselves so
 * that adding a field is one property and its use: nothing lists the names or labels twice.
 */

/** Properties that only show text in the editor and hold no value. */
function holdsValue(property: INodeProperties): boolean {
	return property.type !== 'notice';
}

/** The top-level parameters read for each item, in the order the editor shows them. */
export function itemParameterNames(properties: readonly INodeProperties[]): string[] {
	return [...new Set(properties.filter(holdsValue).map((property) => property.name))];
}

/**
 * Field labels for error messages, keyed by parameter path: `email` → "Email", and for a
 * collection's options `additionalFields.email` → "Email".
 */
export function fieldLabels(properties: readonly INodeProperties[]): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const property of properties.filter(holdsValue)) {
		labels[property.name] ??= property.displayName;
		if (property.type !== 'collection') continue;
		for (const option of property.options ?? []) {
			if ('displayName' in option && 'type' in option) {
				labels[`${property.name}.${option.name}`] ??= option.displayName;
			}
		}
	}
	return labels;
}
