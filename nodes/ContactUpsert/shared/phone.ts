import { isSupportedCountry, parsePhoneNumberFromString } from './libphonenumber';
import type { CountryCode, PhoneNumber } from './libphonenumber';

/** How a vendor wants a phone number written. */
export type PhoneFormat = 'e164' | 'digits';

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: string };

const ALLOWED_CHARACTERS = /^\+?[\d\s().\-/]*$/;

/** Whether a two-letter code is a country libphonenumber knows (case-insensitive). */
export function isCountryCode(code: string): boolean {
	return isSupportedCountry(code.toUpperCase());
}

/**
 * Parses a phone number typed in any common way and writes it in the vendor's format.
 *
 * Numbers with a leading `+` (or `00` international prefix) are read as international. Numbers
 * without one are read as national numbers of `defaultCountry` when it is set, and otherwise as
 * international digits (country code first), which is how WhatsApp ids are written.
 *
 * A number must have a possible length for its country (a missing or extra digit is caught here
 * instead of creating a contact nobody can reach). It need not fall in a range libphonenumber
 * knows to be allocated: those lists lag behind new ranges, and refusing a real customer's number
 * is worse than letting the vendor judge it. When a number can be read two ways (national or
 * international), the reading that is a known valid number wins.
 */
export function formatPhone(
	raw: string,
	format: PhoneFormat,
	defaultCountry?: string,
): PhoneResult {
	const input = raw.trim();
	if (input === '') return { ok: false, reason: 'is empty' };
	if (!ALLOWED_CHARACTERS.test(input)) {
		return {
			ok: false,
			reason: 'may contain only digits, spaces, dashes, dots, brackets and a leading +',
		};
	}
	const country = defaultCountry ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
	const digits = input.replace(/\D/g, '');
	const candidates: Array<PhoneNumber | undefined> = [];
	if (input.startsWith('+')) {
		candidates.push(parsePhoneNumberFromString(`+${digits}`));
	} else if (input.startsWith('00')) {
		// The international call prefix of most of the world; a national reading is the fallback.
		candidates.push(parsePhoneNumberFromString(`+${digits.slice(2)}`));
		if (country) candidates.push(parsePhoneNumberFromString(input, country));
	} else if (country) {
		candidates.push(parsePhoneNumberFromString(input, country));
		candidates.push(parsePhoneNumberFromString(`+${digits}`));
	} else {
		candidates.push(parsePhoneNumberFromString(`+${digits}`));
	}
	const valid =
		candidates.find((candidate) => candidate?.isValid()) ??
		candidates.find((candidate) => candidate?.isPossible());
	if (!valid) {
		return {
			ok: false,
			reason: country
				? `is not a valid phone number (read as a ${country} number or with its country code)`
				: 'is not a valid phone number; include the country code (e.g. +56 9 1234 5678) or set Options → Default Country',
		};
	}
	const e164 = valid.format('E.164');
	return { ok: true, value: format === 'e164' ? e164 : e164.slice(1) };
}
