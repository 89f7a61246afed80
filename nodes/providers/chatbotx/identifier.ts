import { z } from 'zod';

import { isEmail, quote } from '../../engine/fieldSchemas';
import type { IssueContext } from '../../engine/schema';
import { asciiDigits, cleanIdentity, numberAsText } from '../../engine/identity';
import { formatPhone, isPhoneLike } from '../../engine/phone';
import { isWhatsAppSpelling } from '../../engine/whatsappIds';

type IdentifierResult = { ok: true; value: string } | { ok: false; reason: string };

const PREFIXED = /^(email|phone|id)\s*:\s*(.*)$/i;

/**
 * Turns what a user typed into the prefixed identifier ChatbotX requires. Bare values are
 * detected the way ChatbotX's own n8n node does (`@` → email, long digit strings → id, other
 * numbers → phone). Phone numbers are normalized to E.164, e-mails lower-cased, invisible
 * characters removed and IDs written in ASCII digits, because ChatbotX matches identifiers as
 * exact strings: the same person typed or pasted two ways must not become two contacts.
 */
export function toChatbotxIdentifier(raw: string, defaultCountry?: string): IdentifierResult {
	const value = cleanIdentity(raw);
	const prefixed = PREFIXED.exec(value);
	let kind: 'email' | 'phone' | 'id';
	let rest: string;
	if (prefixed) {
		kind = prefixed[1].toLowerCase() as typeof kind;
		rest = prefixed[2].trim();
	} else if (isWhatsAppSpelling(asciiDigits(value))) {
		// A WhatsApp ID (…@c.us, …@s.whatsapp.net), whatsapp:, tel: or a wa.me link: a number.
		kind = 'phone';
		rest = value;
	} else if (value.includes('@')) {
		kind = 'email';
		rest = value;
	} else if (/^\d{16,}$/.test(asciiDigits(value))) {
		kind = 'id';
		rest = value;
	} else if (isPhoneLike(value)) {
		kind = 'phone';
		rest = value;
	} else {
		return {
			ok: false,
			reason: `${quote(raw.trim())} is not an e-mail, phone number or contact ID. Write it as email:…, phone:… or id:….`,
		};
	}
	// Error messages echo the value after its prefix, or the whole value as written when it held
	// invisible characters, so the user sees them.
	// Built only for a message: quoting walks the value character by character.
	const shown = () => quote(raw.trim() === value ? rest : raw.trim());
	if (rest === '') return { ok: false, reason: `has the ${kind}: prefix but no value after it.` };
	if (kind === 'email') {
		return isEmail(rest)
			? { ok: true, value: `email:${rest.toLowerCase()}` }
			: { ok: false, reason: `${shown()} is not an e-mail address.` };
	}
	if (kind === 'id') {
		const id = asciiDigits(rest);
		return /^\d+$/.test(id)
			? { ok: true, value: `id:${id}` }
			: { ok: false, reason: `${shown()} is not a ChatbotX contact ID (digits only).` };
	}
	const phone = formatPhone(rest, 'e164', defaultCountry);
	return phone.ok
		? { ok: true, value: `phone:${phone.value}` }
		: { ok: false, reason: `${shown()} ${phone.reason}.` };
}

/** An identifying value from an expression: text as given, a number only if held exactly. */
export function identityText(
	value: unknown,
	ctx: IssueContext,
): { text: string | undefined; failed: boolean } {
	if (typeof value !== 'number') {
		return { text: typeof value === 'string' ? value : undefined, failed: false };
	}
	const result = numberAsText(value, { wholeOnly: true });
	if (!result.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.reason });
	return result.ok ? { text: result.value, failed: false } : { text: undefined, failed: true };
}
