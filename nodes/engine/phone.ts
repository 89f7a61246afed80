import { asciiDigits, cleanIdentity } from './identity';
import {
	getCountryCallingCode,
	isSupportedCountry,
	parsePhoneNumberFromString,
	subscriberLengths,
	validatePhoneNumberLength,
} from './libphonenumber';
import type { CountryCode, PhoneNumber } from './libphonenumber';
import { readWhatsAppSpelling } from './whatsappIds';

/** How a vendor wants a phone number written. */
export type PhoneFormat = 'e164' | 'digits';

/**
 * `note` says what the node changed beyond the spelling (a digit it added), for the output item.
 */
export type PhoneResult =
	| { ok: true; value: string; note?: string }
	| { ok: false; reason: string };

/** What people put between digits: spaces of any kind, brackets, dots, slashes and dashes. */
const SEPARATORS = /[\s()[\]./\p{Pd}\u2212]/gu;

const NO_COUNTRY_HINT =
	'digits without + are read with the country code first: write the number with its country code (e.g. +56 9 1234 5678) or set Options → Default Country';

/**
 * Whether a value is written like a phone number: digits and the separators formatPhone reads,
 * with at most a leading + (invisible characters ignored, digits of any script allowed).
 */
export function isPhoneLike(raw: string): boolean {
	const value = asciiDigits(cleanIdentity(raw));
	if (readWhatsAppSpelling(value).kind !== 'plain') return true;
	return /^\+?\d+$/.test(value.replace(SEPARATORS, ''));
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
 * - The spellings WhatsApp platforms emit (`…@c.us`, `…@s.whatsapp.net`, `whatsapp:+…`, `tel:`,
 *   `wa.me` and `api.whatsapp.com/send` links; see whatsappIds.ts) are unwrapped first; their
 *   digits are international whatever the default country. `@lid` IDs are refused here.
 * - Country rules: Mexico's `521…` and old national prefixes (044, 045, 1, 01) are dropped;
 *   an Argentine `15` number without its area code is refused; a Brazilian mobile written without
 *   its ninth digit gets it, with a `note` (also collected by {@link collectPhoneNotes}).
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
	const spelling = readWhatsAppSpelling(input);
	if (spelling.kind === 'refused') return { ok: false, reason: spelling.reason };
	if (spelling.kind === 'lid') {
		return {
			ok: false,
			reason:
				"is a WhatsApp @lid ID, which hides the phone number and cannot be turned back into one: map the contact's phone number (or its …@s.whatsapp.net / …@c.us ID) instead",
		};
	}
	const written = spelling.kind === 'plain' ? input : spelling.number;
	const compact = written.replace(SEPARATORS, '');
	if (!/^\+?\d+$/.test(compact)) {
		return {
			ok: false,
			reason:
				spelling.kind === 'international'
					? `is not a phone number: the part taken from its ${spelling.source} may contain only digits, with the country code first`
					: 'may contain only digits, spaces, dashes, dots, brackets and a leading +',
		};
	}
	let result: NumberResult;
	if (compact.startsWith('+')) {
		result = readInternational(compact.slice(1));
	} else if (compact.startsWith('00')) {
		// The international call prefix of most of the world. It is never read as a national
		// number too: that could only make it another country's number than the one written.
		result = readInternational(compact.slice(2));
	} else if (spelling.kind === 'international') {
		// WhatsApp IDs and links are written country code first: Default Country never applies.
		result = readInternational(compact);
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
	const value = format === 'e164' ? e164 : e164.slice(1);
	if (result.note) notes?.push(result.note);
	return result.note ? { ok: true, value, note: result.note } : { ok: true, value };
}

/** Notes of the parse in progress (see {@link collectPhoneNotes}). */
let notes: string[] | undefined;

/**
 * Runs a (synchronous) parse and returns, beside its result, the notes of every number it read
 * whose digits the node changed, so the item's output can say so.
 */
export function collectPhoneNotes<T>(parse: () => T): { result: T; notes: string[] } {
	const outer = notes;
	const collected: string[] = [];
	notes = collected;
	try {
		const result = parse();
		return { result, notes: [...new Set(collected)] };
	} finally {
		notes = outer;
	}
}

type NumberResult =
	| { ok: true; number: PhoneNumber; note?: string }
	| { ok: false; reason: string };

/**
 * WhatsApp writes Mexican mobiles with the old mobile prefix 1 after the country code
 * (`52 1 55 1234 5678`); since 2019 a Mexican number is +52 and 10 digits, so `521` + 10 digits
 * can only be that spelling.
 */
const MEXICAN_WHATSAPP = /^521(\d{10})$/;

/**
 * Mexican national prefixes abolished in 2019 and still written: 044 and 045 (calling a mobile
 * locally and from another area), 1 (the mobile prefix) and 01 (long distance), each before the
 * 10-digit number.
 */
const MEXICAN_NATIONAL = /^(?:044|045|01|1)(\d{10})$/;

/** Digits after `+` / `00`: country code first. */
function readInternational(written: string): NumberResult {
	const digits = written.replace(MEXICAN_WHATSAPP, '52$1');
	const number = parsePhoneNumberFromString(`+${digits}`);
	if (number) return accept(number, `+${number.countryCallingCode}`);
	const problem = validatePhoneNumberLength(`+${digits}`);
	if (problem === 'INVALID_COUNTRY') {
		return { ok: false, reason: 'does not start with a country calling code' };
	}
	return { ok: false, reason: lengthReason(problem ?? 'NOT_A_NUMBER', 'phone') };
}

/** Digits without an international prefix: a number of `country` or nothing. */
function readNational(written: string, country: CountryCode): NumberResult {
	if (country === 'MX' && MEXICAN_WHATSAPP.test(written)) return readInternational(written);
	const digits = country === 'MX' ? written.replace(MEXICAN_NATIONAL, '$1') : written;
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
	const national = number.nationalNumber;
	if (number.country === 'AR' && national.startsWith('15')) {
		// 15 is the prefix Argentines dial before a mobile inside its area; without the area code
		// in front there is no telling whose number it is.
		return {
			ok: false,
			reason:
				'looks like an Argentine mobile number written with 15 but without its area code: write the area code before the 15 (e.g. 11 15 2345-6789), or the number as +54 9, area code, number (+54 9 11 2345 6789)',
		};
	}
	if (number.country === 'BR' && /^\d\d[6-9]\d{7}$/.test(national)) {
		const withNine = parsePhoneNumberFromString(`+55${national.slice(0, 2)}9${national.slice(2)}`);
		if (withNine?.isValid()) {
			return {
				ok: true,
				number: withNine,
				note: `+55 ${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)} was sent as ${withNine.formatInternational()}: Brazilian mobile numbers have 9 digits after the area code since 2016, and WhatsApp still writes older ones without the leading 9, so the 9 was added.`,
			};
		}
	}
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
