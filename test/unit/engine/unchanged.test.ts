import { contactFingerprint } from '../../../nodes/engine/steps/unchanged';

const upsert = {
	method: 'POST',
	url: 'https://api.example.com/contacts',
	body: { phone: '+56912345678', name: 'Ana', tags: ['a', 'b'] },
};
const followUp = {
	method: 'POST',
	url: 'https://api.example.com/contacts/1/tags',
	body: { tags: ['vip'] },
};

describe('contactFingerprint', () => {
	test('the order a body was built in does not change the fingerprint', () => {
		const reordered = { ...upsert, body: { tags: ['a', 'b'], name: 'Ana', phone: '+56912345678' } };
		expect(contactFingerprint('k', [reordered, followUp]).entry).toBe(
			contactFingerprint('k', [upsert, followUp]).entry,
		);
	});

	test.each([
		['a sent field', [{ ...upsert, body: { ...upsert.body, name: 'Anna' } }, followUp]],
		['a follow-up', [upsert, { ...followUp, body: { tags: ['vip', 'new'] } }]],
		['a follow-up dropped', [upsert]],
		['the order of a list', [{ ...upsert, body: { ...upsert.body, tags: ['b', 'a'] } }, followUp]],
		['the URL', [{ ...upsert, url: `${upsert.url}?x=1` }, followUp]],
	])('a change in %s changes the request hash, not the key hash', (_change, requests) => {
		const before = contactFingerprint('k', [upsert, followUp]);
		const after = contactFingerprint('k', requests);
		expect(after.requestHash).not.toBe(before.requestHash);
		expect(after.keyHash).toBe(before.keyHash);
	});

	test('no personal value is stored in clear', () => {
		const { entry } = contactFingerprint('phone:+56912345678', [upsert]);
		expect(entry).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
		expect(entry).not.toContain('56912345678');
	});
});
