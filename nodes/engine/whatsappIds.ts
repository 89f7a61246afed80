/**
 * The ways WhatsApp platforms hand a phone number over, unwrapped to the number inside. Every
 * spelling here carries the number country code first (WhatsApp IDs and links have no national
 * form), so its digits are never read with the Default Country. Pure.
 */

export type WhatsAppSpelling =
	/** Not a platform spelling: the value is read as typed. */
	| { kind: 'plain' }
	/** A number written country code first (with or without + / 00 before it). */
	| { kind: 'international'; number: string; source: string }
	/** A `tel:` URI holding a local number: read as typed, with the Default Country. */
	| { kind: 'local'; number: string }
	/** A WhatsApp Linked ID: opaque digits that cannot be turned back into a phone number. */
	| { kind: 'lid'; id: string }
	| { kind: 'refused'; reason: string };

/**
 * `user[_agent][:device]@server`: WhatsApp Web (`@c.us`), the multi-device JIDs of Baileys-based
 * APIs (`@s.whatsapp.net`, with a device part after `:`), Linked IDs (`@lid`) and the kinds of
 * chat that are not a person.
 */
const JID = /^(.*?)(?:_\d+)?(?::\d+)?@(c\.us|s\.whatsapp\.net|lid|g\.us|broadcast|newsletter)$/i;

const NOT_A_PERSON: Record<string, string> = {
	'g.us': 'a WhatsApp group',
	broadcast: 'a WhatsApp broadcast list or status',
	newsletter: 'a WhatsApp channel',
};

/** `wa.me/…`, `api.whatsapp.com/send?phone=…`, `web.whatsapp.com/send?phone=…`, `whatsapp://send?…`. */
const LINK =
	/^(?:https?:\/\/)?(?:www\.)?(wa\.me|(?:api\.|web\.)?whatsapp\.com)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i;
const APP_LINK = /^whatsapp:\/\/(send)?\/?(\?[^#]*)?(#.*)?$/i;

/**
 * What a value is, when a WhatsApp platform or a link wrote it. `value` is already cleaned of
 * invisible characters, with ASCII digits.
 */
export function readWhatsAppSpelling(value: string): WhatsAppSpelling {
	const jid = JID.exec(value);
	if (jid) return readJid(jid[1].trim(), jid[2].toLowerCase());
	// Twilio's WhatsApp addresses: whatsapp:+14155550123.
	const twilio = /^whatsapp:(?!\/\/)\s*(.*)$/i.exec(value);
	if (twilio) return international(twilio[1], 'whatsapp:');
	const tel = /^tel:\s*(.*)$/i.exec(value);
	if (tel) return readTel(tel[1]);
	if (/^(?:https?:\/\/)?chat\.whatsapp\.com\//i.test(value)) {
		return { kind: 'refused', reason: "is a WhatsApp group invite link, not a person's number" };
	}
	const link = LINK.exec(value);
	if (link) return readLink(link[1].toLowerCase(), link[2] ?? '', link[3] ?? '');
	const app = APP_LINK.exec(value);
	if (app) return readLink('whatsapp://', app[1] ? '/send' : '', app[2] ?? '');
	return { kind: 'plain' };
}

/** Whether a value is one of the spellings above (a phone number or chat ID, not an e-mail). */
export function isWhatsAppSpelling(value: string): boolean {
	return readWhatsAppSpelling(value).kind !== 'plain';
}

function readJid(user: string, server: string): WhatsAppSpelling {
	const notPerson = NOT_A_PERSON[server];
	if (notPerson) {
		return { kind: 'refused', reason: `is the ID of ${notPerson}, not of a person` };
	}
	if (server === 'lid') {
		return /^\d+$/.test(user)
			? { kind: 'lid', id: user }
			: {
					kind: 'refused',
					reason:
						'is not a WhatsApp @lid ID: the part before @lid must be digits only, e.g. 123456789012345@lid',
				};
	}
	return international(user, `@${server}`);
}

function international(number: string, source: string): WhatsAppSpelling {
	const trimmed = number.trim();
	if (trimmed === '') return { kind: 'refused', reason: `has no phone number with its ${source}` };
	return { kind: 'international', number: trimmed, source };
}

/**
 * RFC 3966: `tel:+1-201-555-0123`, or a local number with its context,
 * `tel:863-1234;phone-context=+1-914-555`. Parameters that change who answers (an extension,
 * a subaddress, digits dialled after the call connects) make it no single person's number.
 */
function readTel(uri: string): WhatsAppSpelling {
	const [rawNumber, ...rawParameters] = decode(uri).split(';');
	const number = rawNumber.trim();
	let context: string | undefined;
	for (const parameter of rawParameters) {
		const [name, ...rest] = parameter.split('=');
		const key = name.trim().toLowerCase();
		const parameterValue = rest.join('=').trim();
		if (key === 'ext' || key === 'isub' || key === 'postd') {
			return {
				kind: 'refused',
				reason: `is a tel: URI with ${key === 'ext' ? 'an extension' : key === 'isub' ? 'a subaddress' : 'post-dial digits'} (;${key}=${parameterValue}), which a contact's phone number cannot hold: map the number without it`,
			};
		}
		if (key === 'phone-context') context = parameterValue;
	}
	if (number === '') return { kind: 'refused', reason: 'is a tel: URI without a number' };
	if (number.startsWith('+')) return { kind: 'international', number, source: 'tel:' };
	if (context === undefined) return { kind: 'local', number };
	if (!context.startsWith('+')) {
		return {
			kind: 'refused',
			reason: `is a tel: URI whose number is local to ${JSON.stringify(context)}, not a country code: write the number with + and its country code`,
		};
	}
	return { kind: 'international', number: `${context}${number}`, source: 'tel:' };
}

function readLink(host: string, path: string, query: string): WhatsAppSpelling {
	const phone = new URLSearchParams(query.replace(/^\?/, '')).get('phone');
	if (host === 'wa.me') {
		const segments = decode(path).split('/').filter(Boolean);
		if (segments.length === 1 && /^[+\d\s-]+$/.test(segments[0])) {
			return international(segments[0], 'wa.me link');
		}
		if (segments.length === 0 && phone) return international(phone, 'wa.me link');
		return {
			kind: 'refused',
			reason:
				'is a wa.me link without a phone number in it (a short link or a catalogue): map the number itself, or a link like https://wa.me/14155550123',
		};
	}
	if (!/^\/send\/?$/i.test(path)) {
		return {
			kind: 'refused',
			reason:
				'is a WhatsApp link that names no phone number: map the number itself, or a link like https://api.whatsapp.com/send?phone=14155550123',
		};
	}
	if (!phone || phone.trim() === '') {
		return { kind: 'refused', reason: 'is a WhatsApp send link without its phone= number' };
	}
	return international(phone, 'WhatsApp link');
}

function decode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
