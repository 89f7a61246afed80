import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Shows every property only when `show` holds, keeping any condition a property already has.
 * Applied once per provider so no field repeats its provider condition by hand.
 */
export function showOnlyFor(
	show: NonNullable<IDisplayOptions['show']>,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, ...property.displayOptions?.show },
		},
	}));
}
