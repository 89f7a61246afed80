'use strict';
/**
 * The owner account a fresh n8n is set up with (`POST /rest/owner/setup`), by the screenshots and
 * by the community-install e2e tests alike. Its name shows in the editor, so in every screenshot.
 */

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Jane',
	lastName: 'Doe',
	password: 'Screenshots-2025',
};

module.exports = { OWNER };
