import type { IDataObject } from 'n8n-workflow';

import type { Connection, Provider, QueueSettings, VendorRequest } from '../provider';

/** Stand-ins for what only the vendor's answer tells; unreserved characters survive encoding. */
const CONTACT_ID = 'CONTACTID0PLACEHOLDER';
const QUEUED_ID = 'QUEUEDID0PLACEHOLDER';

/** Headers that authenticate. n8n adds them from the credential; a preview never shows one. */
const HIDDEN_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);

/** One request a preview lists, as it would leave the node (n8n adds the credential). */
export interface PreviewedRequest extends IDataObject {
	step: string;
	method: string;
	url: string;
}

function describe(step: string, request: VendorRequest): PreviewedRequest {
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).filter(
			([name]) => !HIDDEN_HEADERS.has(name.toLowerCase()),
		),
	);
	const entry: PreviewedRequest = { step, method: request.method, url: request.url };
	if (request.qs && Object.keys(request.qs).length > 0) entry.qs = request.qs;
	if (Object.keys(headers).length > 0) entry.headers = headers;
	if (request.method !== 'GET') entry.body = request.body ?? {};
	return entry;
}

/** Writes the stand-ins as `{contactId}` and `{queuedRequestId}` wherever they ended up. */
function withPlaceholders(entry: PreviewedRequest): PreviewedRequest {
	const json = JSON.stringify(entry)
		.split(CONTACT_ID)
		.join('{contactId}')
		.split(QUEUED_ID)
		.join('{queuedRequestId}');
	return JSON.parse(json) as PreviewedRequest;
}

/**
 * The output item of Options → Preview Only: every request the item would send, in order, with
 * `{contactId}` where the vendor's answer supplies the contact's ID. Built from the same
 * functions as a real run, so it shows exactly what would be sent. Pure.
 */
export function previewItem(
	provider: Provider<unknown>,
	input: unknown,
	connection: Connection,
	upsert: VendorRequest,
	settings: QueueSettings,
): IDataObject {
	const requests: PreviewedRequest[] = [describe('upsert', upsert)];
	if (settings.waitForQueued && provider.queue) {
		requests.push(
			describe(
				'wait for queued request (only when the upsert is queued; read until it finishes)',
				provider.queue.request(QUEUED_ID, connection),
			),
		);
	}
	for (let repeat = 1; repeat <= settings.repeatTimes; repeat++) {
		requests.push(describe(`repeat ${repeat} of ${settings.repeatTimes}`, upsert));
	}
	for (const followUp of provider.followUps?.(input, CONTACT_ID, connection) ?? []) {
		requests.push(describe(followUp.step, followUp.request));
		if (followUp.alternative) {
			requests.push(
				describe(
					`${followUp.step} (alternative form, only if the first is refused with 404 or 405)`,
					followUp.alternative,
				),
			);
		}
	}
	return { preview: true, provider: provider.id, requests: requests.map(withPlaceholders) };
}
