import fc from 'fast-check';

/** Generators of invisible characters, for tests that paste them into identifying values. */

/** Every code point of Unicode's format category (Cf), found by scanning, not listed by hand. */
export const FORMAT_CHARACTERS: string[] = [];
for (let code = 0; code <= 0x10ffff; code++) {
	if (code >= 0xd800 && code <= 0xdfff) continue;
	const character = String.fromCodePoint(code);
	if (/\p{Cf}/u.test(character)) FORMAT_CHARACTERS.push(character);
}

/** The invisible characters people paste, by name. */
const NAMED_INVISIBLE = [
	'\u200b', // zero-width space
	'\u200c', // zero-width non-joiner
	'\u200d', // zero-width joiner
	'\u200e', // left-to-right mark
	'\u200f', // right-to-left mark
	'\u202a', // left-to-right embedding (WhatsApp Web)
	'\u202b',
	'\u202c', // pop directional formatting (WhatsApp Web)
	'\u202d',
	'\u202e',
	'\u2060', // word joiner
	'\u2066', // isolates
	'\u2067',
	'\u2068',
	'\u2069',
	'\ufeff', // byte order mark
	'\u00ad', // soft hyphen
	'\u034f', // combining grapheme joiner
	'\u180e', // Mongolian vowel separator
	'\ufe0f', // variation selector
	'\u3164', // Hangul filler
	'\u{e0041}', // tag letter
];

/** Any invisible character: the named ones or any of category Cf. */
export const invisible = fc.oneof(
	fc.constantFrom(...NAMED_INVISIBLE),
	fc.constantFrom(...FORMAT_CHARACTERS),
);

/** The text with invisible characters inserted at random places (before, inside, after). */
export function withInvisible(text: string) {
	const characters = Array.from(text);
	return fc
		.array(fc.array(invisible, { maxLength: 3 }), {
			minLength: characters.length + 1,
			maxLength: characters.length + 1,
		})
		.map(
			(inserts) =>
				characters.map((character, index) => inserts[index].join('') + character).join('') +
				inserts[characters.length].join(''),
		);
}
