import type { INodeProperties } from 'n8n-workflow';

import { flag, wholeNumbers } from '../../engine/options';
import type { Queue } from '../../engine/provider';
import { parseJsonText } from '../../engine/transport';
import { encodeSegment, joinUrl } from '../../engine/url';
import { asRecord, text } from '../../engine/vendorMessage';

/** Limits and defaults of Hypersender's entries in Options. */
export const DEFAULT_QUEUED_WAIT_S = 60;
export const MAX_QUEUED_WAIT_S = 600;
export const MAX_REPEAT_TIMES = 5;
export const DEFAULT_REPEAT_DELAY_S = 5;
export const MAX_REPEAT_DELAY_S = 60;

/** Hypersender's entries in Options: its queued requests and repeats. */
export const options: INodeProperties[] = [
	{
		displayName: 'Max Wait for Queued Request',
		name: 'maxQueuedWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_QUEUED_WAIT_S, numberPrecision: 0 },
		default: DEFAULT_QUEUED_WAIT_S,
		description:
			'With "Wait for Queued Request" on: how long one item may wait for Hypersender to finish its queued request, in seconds, e.g. 60. The item fails when the time is up.',
	},
	{
		displayName: 'Repeat Delay',
		name: 'repeatDelay',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_REPEAT_DELAY_S, numberPrecision: 0 },
		default: DEFAULT_REPEAT_DELAY_S,
		description: 'Seconds to wait before each repeat of the upsert, e.g. 5',
	},
	{
		displayName: 'Repeat Times',
		name: 'repeatTimes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_REPEAT_TIMES, numberPrecision: 0 },
		default: 0,
		description:
			"How many times to send the same upsert again after it succeeded, e.g. 2. Hypersender advises 2-3 requests a few seconds apart when a contact does not show up in the phone's address book at once.",
	},
	{
		displayName: 'Wait for Queued Request',
		name: 'waitForQueuedRequest',
		type: 'boolean',
		default: false,
		description:
			"Whether to wait until a queued upsert has finished and output its real result. Off: the item outputs queued: true with the queued request's ID.",
	},
];

/** v2 may queue an upsert instead of running it; Hypersender advises repeating some upserts. */
export const queue: Queue = {
	queuedId: (body) => {
		const record = asRecord(body);
		return record?.queued === true ? text(record.queued_request_uuid) : undefined;
	},

	request: (queuedId, connection) => ({
		method: 'GET',
		url: joinUrl(
			connection.baseUrl,
			`/api/whatsapp/v2/${encodeSegment(connection.instanceId ?? '')}/queued-requests/${encodeSegment(queuedId)}`,
		),
		headers: { Accept: 'application/json' },
	}),

	// No status field: `response_status` stays null while the request runs, then holds the HTTP
	// status the upsert produced, with its body (maybe as JSON text) in `response_body`.
	read: (body) => {
		const record = asRecord(body);
		const status = record?.response_status;
		if (typeof status !== 'number' || !Number.isInteger(status)) return { done: false };
		return { done: true, statusCode: status, body: parseJsonText(record?.response_body) };
	},

	settings(options) {
		const waitForQueued = flag(options.waitForQueuedRequest);
		if (waitForQueued === undefined) {
			return { invalid: 'Wait for Queued Request', expected: 'true or false' };
		}
		const numbers = wholeNumbers(options, {
			maxQueuedWait: {
				label: 'Max Wait for Queued Request',
				min: 1,
				max: MAX_QUEUED_WAIT_S,
				fallback: DEFAULT_QUEUED_WAIT_S,
				unit: 'seconds',
			},
			repeatTimes: { label: 'Repeat Times', min: 0, max: MAX_REPEAT_TIMES, fallback: 0 },
			repeatDelay: {
				label: 'Repeat Delay',
				min: 0,
				max: MAX_REPEAT_DELAY_S,
				fallback: DEFAULT_REPEAT_DELAY_S,
				unit: 'seconds',
			},
		});
		if ('invalid' in numbers) return numbers;
		return {
			waitForQueued,
			maxQueuedWaitMs: numbers.maxQueuedWait * 1000,
			repeatTimes: numbers.repeatTimes,
			repeatDelayMs: numbers.repeatDelay * 1000,
		};
	},
};
