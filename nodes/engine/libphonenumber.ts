/**
 * The one place that imports libphonenumber-js. The build (gulpfile.js) replaces the compiled
 * file with a self-contained bundle of the library and its metadata, so the published package has
 * no runtime dependency on it.
 */
import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

export {
	getCountryCallingCode,
	isSupportedCountry,
	parsePhoneNumberFromString,
	validatePhoneNumberLength,
} from 'libphonenumber-js/max';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';

/** The part of a numbering plan's metadata read here (the typings do not declare `type`). */
interface NumberingPlanTypes {
	type(type: 'MOBILE' | 'FIXED_LINE'): { possibleLengths(): number[] } | undefined;
}

/**
 * Digit counts (national significant number) that a mobile or fixed-line number of a region or
 * non-geographic calling code can have; empty when it has neither kind.
 */
export function subscriberLengths(countryOrCallingCode: string): readonly number[] {
	let lengths = lengthsCache.get(countryOrCallingCode);
	if (!lengths) {
		const plans = new Metadata(metadata);
		plans.selectNumberingPlan(countryOrCallingCode as never);
		const plan = plans.numberingPlan as unknown as NumberingPlanTypes;
		lengths = [
			...new Set(
				(['MOBILE', 'FIXED_LINE'] as const).flatMap(
					(kind) => plan.type(kind)?.possibleLengths() ?? [],
				),
			),
		];
		lengthsCache.set(countryOrCallingCode, lengths);
	}
	return lengths;
}

const lengthsCache = new Map<string, readonly number[]>();
