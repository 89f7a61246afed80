import { asciiDigits, cleanIdentity } from './identity';
import {
	getCountryCallingCode,
	isSupportedCountry,
	parsePhoneNumberFromString,
	subscriberLengths,
	validatePhoneNumberLength,
} from './libphonenumber';
import type { CountryCode, PhoneNumber } from './libphonenumber';

/** How a vendor wants a phone number written. */
export type PhoneFormat = 'e164' | 'digits';

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: string };

/** What people put between digits: spaces of any kind, brackets, dots, slashes and dashes. */
const SEPARATORS = /[\s()[\]./\p{Pd}\u2212]/gu;

const NO_COUNTRY_HINT =
	'digits without + are read with the country code first: write the number with its country code (e.g. +56 9 1234 5678) or set Options → Default Country';

/**
 * Whether a value is written like a phone number: digits and the separators formatPhone reads,
 * with at most a leading + (invisible characters ignored, digits of any script allowed).
 */
export function isPhoneLike(raw: string): boolean {
	return /^\+?\d+$/.test(asciiDigits(cleanIdentity(raw)).replace(SEPARATORS, ''));
}

/** Whether a two-letter code is a country libphonenumber knows (case-insensitive). */
export function isCountryCode(code: string): boolean {
	return isSupportedCountry(code.toUpperCase());
}

/**
 * Parses a phone number typed or pasted in any common way and writes it in the vendor's format.
 *
 * - A number starting with `+` or `00` is international: the country code follows.
 * - Any other number is a national number of `defaultCountry`, and only of that country: it is
 *   never re-read as another country's number. A leading trunk prefix (`0`, the US `1`) is
 *   dropped, and so is the country's own calling code written without `+` (`56 9 1234 5678` with
 *   CL) when what follows is a number of that country, as libphonenumber reads national input.
 *   A number starting with the country's prefix for calling abroad (`011` from the US) is refused.
 * - Without a default country, digits without `+` are international (country code first), the
 *   way WhatsApp IDs are written.
 *
 * Invisible characters (direction marks, zero-width spaces) are ignored; no-break spaces, any
 * dash, full-width digits and the digits of other scripts are read like their plain forms.
 *
 * A number is accepted when libphonenumber knows it as valid, or when it has the digit count of
 * a mobile or fixed-line number of its country: allocation lists lag behind new ranges, and
 * refusing a real customer's number is worse than letting the vendor judge it. A digit more or
 * less than that is refused, never cut off.
 */
export function formatPhone(
	raw: string,
	format: PhoneFormat,
	defaultCountry?: string,
): PhoneResult {
	const input = asciiDigits(cleanIdentity(raw));
	if (input === '') return { ok: false, reason: 'is empty' };
	const compact = input.replace(SEPARATORS, '');
	if (!/^\+?\d+$/.test(compact)) {
		return {
			ok: false,
			reason: 'may contain only digits, spaces, dashes, dots, brackets and a leading +',
		};
	}
	let result: NumberResult;
	if (compact.startsWith('+')) {
		result = readInternational(compact.slice(1));
	} else if (compact.startsWith('00')) {
		// The international call prefix of most of the world. It is never read as a national
		// number too: that could only make it another country's number than the one written.
		result = readInternational(compact.slice(2));
	} else if (defaultCountry) {
		const country = defaultCountry.toUpperCase();
		if (!isSupportedCountry(country)) {
			return { ok: false, reason: `cannot be read: ${country} is not a known country code` };
		}
		result = readNational(compact, country);
	} else {
		result = readInternational(compact);
		if (!result.ok) result = { ok: false, reason: `${result.reason}; ${NO_COUNTRY_HINT}` };
	}
	if (!result.ok) return result;
	const e164 = result.number.format('E.164');
	return { ok: true, value: format === 'e164' ? e164 : e164.slice(1) };
}

type NumberResult = { ok: true; number: PhoneNumber } | { ok: false; reason: string };

/** Digits after `+` / `00`: country code first. */
function readInternational(digits: string): NumberResult {
	const number = parsePhoneNumberFromString(`+${digits}`);
	if (number) return accept(number, `+${number.countryCallingCode}`);
	const problem = validatePhoneNumberLength(`+${digits}`);
	if (problem === 'INVALID_COUNTRY') {
		return { ok: false, reason: 'does not start with a country calling code' };
	}
	return { ok: false, reason: lengthReason(problem ?? 'NOT_A_NUMBER', 'phone') };
}

/** Digits without an international prefix: a number of `country` or nothing. */
function readNational(digits: string, country: CountryCode): NumberResult {
	const number = parsePhoneNumberFromString(digits, country);
	if (!number) {
		return {
			ok: false,
			reason: lengthReason(validatePhoneNumberLength(digits, country) ?? 'NOT_A_NUMBER', country),
		};
	}
	if (number.countryCallingCode !== getCountryCallingCode(country)) {
		// libphonenumber strips the country's own prefix for calling abroad (011 in the US);
		// without + or 00 a number is this country's, so say what was read instead of sending it.
		return {
			ok: false,
			reason: `is not a ${country} number: it starts with the prefix for calling abroad from ${country}. Write it with + and the country code (${number.format('INTERNATIONAL')})`,
		};
	}
	return accept(number, country);
}

/** A parsed number is sent when valid, or when it has a mobile/fixed-line digit count. */
function accept(number: PhoneNumber, label: string): NumberResult {
	if (number.isValid()) return { ok: true, number };
	if (!number.isPossible()) {
		const problem = validatePhoneNumberLength(number.number);
		return { ok: false, reason: lengthReason(problem ?? 'INVALID_LENGTH', label) };
	}
	const lengths = subscriberLengths(number.country ?? number.countryCallingCode);
	if (lengths.includes(number.nationalNumber.length)) return { ok: true, number };
	return { ok: false, reason: `is not a valid ${label} number` };
}

function lengthReason(problem: string, label: string): string {
	switch (problem) {
		case 'TOO_SHORT':
			return `has too few digits for a ${label} number`;
		case 'TOO_LONG':
			return `has too many digits for a ${label} number`;
		case 'INVALID_LENGTH':
			return `does not have the digit count of a ${label} number`;
		default:
			return `is not a ${label} number`;
	}
}
