'use strict';
/**
 * Which pinned n8n installs the suite runs on. Both by default; E2E_N8N_VERSIONS=v2 (or v1) narrows
 * it down while working on one of them. `describeMajor` (from the pinned install
 * specs) makes test names and logs say which n8n really ran.
 */
const { MAJORS, describeMajor } = require('../../../scripts/lib/n8n');

function selectedMajors() {
	const raw = process.env.E2E_N8N_VERSIONS;
	if (!raw || !raw.trim()) return [...MAJORS];
	const majors = raw
		.split(',')
		.map((major) => major.trim())
		.filter(Boolean);
	const unknown = majors.filter((major) => !MAJORS.includes(major));
	if (unknown.length > 0) {
		throw new Error(
			`E2E_N8N_VERSIONS names unknown n8n majors: ${unknown.join(', ')} (known: ${MAJORS.join(', ')})`,
		);
	}
	return majors;
}

module.exports = { selectedMajors, describeMajor };
