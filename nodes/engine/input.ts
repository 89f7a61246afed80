import type { IDataObject } from 'n8n-workflow';

import { invalidInputError, invalidOptionError } from './errors';
import { readItemOptions, type ItemOptions } from './options';
import { collectPhoneNotes } from './phone';
import type { Run } from './run';

/** One item's input, read and checked: its Options and its provider's parsed parameters. */
export interface ItemInput {
	options: ItemOptions;
	parsed: unknown;
	/** Where a number's digits were changed (Brazil's ninth digit), for the output item. */
	phoneNotes: string[];
}

/**
 * Reads one item's Options and parameters and checks them with the provider's schema. Throws
 * the first problem, naming the field and the item; nothing is sent for an item that fails here.
 */
export function readItemInput(run: Run, itemIndex: number): ItemInput {
	const { context, provider, parameters } = run;
	const options = readItemOptions(
		parameters.get('options', itemIndex, {}) as IDataObject,
		provider.queue,
	);
	if ('invalid' in options) throw invalidOptionError(context.getNode(), options, itemIndex);
	const { defaultCountry } = options;
	const raw: Record<string, unknown> = {};
	for (const name of provider.parameterNames) {
		raw[name] = parameters.get(name, itemIndex, null);
	}
	const { result: parsed, notes } = collectPhoneNotes(() =>
		provider.schema({ defaultCountry }).safeParse(raw),
	);
	if (!parsed.success) {
		throw invalidInputError(context.getNode(), provider.labels, parsed.error, itemIndex);
	}
	return { options, parsed: parsed.data, phoneNotes: notes };
}
