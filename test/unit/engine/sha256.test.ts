import { createHash } from 'crypto';

import { sha256Hex } from '../../../nodes/engine/sha256';

describe('sha256Hex', () => {
	test.each([
		'',
		'abc',
		'a'.repeat(55),
		'a'.repeat(56),
		'a'.repeat(64),
		'a'.repeat(1000),
		'Ñandú ☎ +56 9 1234 5678 😀',
	])('equals Node crypto for %j', (text) => {
		expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
	});
});
