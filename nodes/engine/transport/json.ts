/**
 * JSON read without losing an ID. `JSON.parse` rounds an integer beyond 2^53 to the nearest double
 * (`11590944070189057` becomes `11590944070189056`, another contact); an answer read that way would
 * be output and used for follow-ups. Every vendor answer is read here instead, from its text.
 */

/** A JSON number token, read from where it starts. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/**
 * Every integer JavaScript cannot hold exactly has at least 16 digits (2^53 = 9007199254740992),
 * and a number token starts where a JSON value can: at the start, or after `:`, `,`, `[` or
 * whitespace, with an optional minus. A long run of digits inside a string (`"id":
 * "11590944070189057"`, the common case) follows a quote or another character and needs no
 * rewriting.
 */
const UNSAFE_INTEGER_POSSIBLE = /(?:^|[\s:,[])-?[0-9]{16}/;

/**
 * Parses JSON text as `JSON.parse` does, except that an integer beyond `Number.MAX_SAFE_INTEGER`
 * is kept as a string of its exact digits. Throws a SyntaxError for text that is not JSON.
 */
export function parseJsonExactly(text: string): unknown {
	return JSON.parse(UNSAFE_INTEGER_POSSIBLE.test(text) ? quoteUnsafeIntegers(text) : text);
}

/** Writes every unsafe integer literal outside strings as a string literal of the same digits. */
function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let copied = 0;
	let at = 0;
	while (at < text.length) {
		const char = text[at];
		if (char === '"') {
			// Skip the string, escapes included, so digits inside it are left alone.
			at++;
			while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
			at++;
			continue;
		}
		if (char === '-' || (char >= '0' && char <= '9')) {
			NUMBER.lastIndex = at;
			const match = NUMBER.exec(text);
			if (!match) {
				at++;
				continue;
			}
			const [token, fraction, exponent] = match;
			if (!fraction && !exponent && !Number.isSafeInteger(Number(token))) {
				out += `${text.slice(copied, at)}"${token}"`;
				copied = at + token.length;
			}
			at += token.length;
			continue;
		}
		at++;
	}
	return out + text.slice(copied);
}
