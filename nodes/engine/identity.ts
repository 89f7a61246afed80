/**
 * Cleaning for the values that identify a contact (phone numbers, e-mails, IDs, chat IDs). Vendors
 * match these as exact strings, so a character nobody can see must never make a second contact,
 * and a number JavaScript has already rounded must never reach a vendor as someone else's ID.
 */

/**
 * Characters that change nothing a person sees: format characters (Unicode category Cf: direction
 * marks and isolates that WhatsApp Web copies along, zero-width spaces and joiners, the BOM, the
 * soft hyphen, tag characters) and every other default-ignorable code point (variation selectors,
 * the combining grapheme joiner, Hangul fillers).
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** Characters an error message must show as a code rather than print as they are. */
const UNPRINTABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Zl}\p{Zp}\p{Zs}]/gu;

/** One Unicode decimal digit (any script). */
const DECIMAL_DIGIT = /\p{Nd}/u;
const DECIMAL_DIGITS = /\p{Nd}/gu;

/**
 * The value as it identifies a contact: invisible characters removed and surrounding whitespace
 * (including no-break spaces) trimmed. Letters and digits are kept exactly as written.
 */
export function cleanIdentity(value: string): string {
	return value.replace(INVISIBLE, '').trim();
}

/**
 * The value with every decimal digit written in ASCII: NFKC first (full-width digits, brackets
 * and plus sign become their ASCII forms), then digits of other scripts (Arabic-Indic,
 * Devanagari, …) by their numeric value. Only for values that are numbers written with digits.
 */
export function asciiDigits(value: string): string {
	return value.normalize('NFKC').replace(DECIMAL_DIGITS, (digit) => {
		if (digit >= '0' && digit <= '9') return digit;
		// Unicode encodes decimal digits in contiguous runs of 0 to 9, so a digit's value is its
		// distance from the start of its run, modulo 10.
		const code = digit.codePointAt(0) as number;
		let start = code;
		while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
		return String((code - start) % 10);
	});
}

/**
 * Writes a value for an error message with every invisible, control or unusual space character
 * shown as its code (`<U+200E>`), so the user can see why two values that look alike differ.
 * An ordinary space stays a space.
 */
export function showInvisible(value: string): string {
	return value.replace(UNPRINTABLE, (character) =>
		character === ' '
			? character
			: `<U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}>`,
	);
}

export type NumberTextResult = { ok: true; value: string } | { ok: false; reason: string };

const ROUNDED_HINT =
	'JavaScript holds whole numbers exactly only up to 9007199254740991, so the value was rounded before it reached this node. Make the source send it as text (a quoted string in JSON), then map that text.';

/**
 * The text of a number that arrived from an expression. A number beyond the safe-integer range
 * has already been rounded (11590944070189057 arrives as 11590944070189056), so it is refused,
 * never sent: it would be another contact's ID or phone. `wholeOnly` fields (IDs and phone
 * numbers) also refuse fractions; other fields accept a plain decimal such as 12.5.
 */
export function numberAsText(
	value: number,
	{ wholeOnly }: { wholeOnly: boolean },
): NumberTextResult {
	if (!Number.isFinite(value)) {
		return { ok: false, reason: `is the number ${String(value)}, not a value that can be sent.` };
	}
	if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
		return { ok: false, reason: `is the number ${String(value)}. ${ROUNDED_HINT}` };
	}
	if (wholeOnly && !Number.isInteger(value)) {
		return {
			ok: false,
			reason: `is the number ${String(value)}, but an ID or phone number must be whole. Map the value as text.`,
		};
	}
	const text = String(value);
	// 1e-7 prints in exponent notation, which no vendor reads as the number it was.
	if (/e/i.test(text)) {
		return {
			ok: false,
			reason: `is the number ${text}. Map the value as text in the form to send.`,
		};
	}
	return { ok: true, value: text };
}
