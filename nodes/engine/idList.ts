import { z } from 'zod';

import { quote } from './fieldSchemas';
import { fieldSchema } from './schema';

/**
 * A list of numeric IDs as n8n hands over a multi-select: an array from the list, or from an
 * expression an array, a number, or text with the IDs separated by commas. Blank means "none".
 * IDs are kept as digit strings (some vendors' IDs are larger than JavaScript numbers hold exactly),
 * duplicates dropped, order kept.
 */
export function numericIdList({ what, example }: { what: string; example: string }) {
	return fieldSchema((value, ctx): string[] => {
		if (value === undefined || value === null || value === '') return [];
		let parts: unknown[];
		if (Array.isArray(value)) parts = value;
		else if (typeof value === 'string') parts = value.split(',').filter((part) => part.trim());
		else if (typeof value === 'number' || typeof value === 'bigint') parts = [value];
		else {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be a list of ${what} IDs, e.g. ${example}. Pick them from the list or map a list.`,
			});
			return z.NEVER;
		}
		const ids: string[] = [];
		for (const part of parts) {
			const id =
				typeof part === 'number' && Number.isSafeInteger(part)
					? String(part)
					: typeof part === 'string' || typeof part === 'bigint'
						? String(part).trim()
						: undefined;
			if (id === undefined || !/^\d{1,30}$/.test(id)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `${quote(part)} is not a ${what} ID (digits only), e.g. ${example}.`,
				});
				return z.NEVER;
			}
			if (!ids.includes(id)) ids.push(id);
		}
		return ids;
	});
}

/** Splits a list into runs of at most `size` (a vendor's per-request limit). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < list.length; start += size) {
		result.push(list.slice(start, start + size));
	}
	return result;
}
