import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_QUEUED_WAIT_S,
	DEFAULT_REPEAT_DELAY_S,
	MAX_QUEUED_WAIT_S,
	MAX_REPEAT_DELAY_S,
	MAX_REPEAT_TIMES,
	integerIn,
} from '../options';

/** How one item is finished after its upsert, from its Options. */
export interface StepSettings {
	/** Check the item and output the requests instead of sending them. */
	previewOnly: boolean;
	/** Follow a queued upsert (Hypersender) until it finishes. */
	waitForQueued: boolean;
	/** Longest total wait for a queued request, in milliseconds. */
	maxQueuedWaitMs: number;
	/** How many times to send the upsert again after it succeeded. */
	repeatTimes: number;
	/** Wait before each repeat, in milliseconds. */
	repeatDelayMs: number;
}

function flag(value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return false;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return undefined;
}

/**
 * Reads the step options of one item (an expression can bypass the editor's limits). Returns
 * the label of the first invalid one and what it must be instead.
 */
export function readStepSettings(
	options: IDataObject,
): StepSettings | { invalid: string; expected: string } {
	const previewOnly = flag(options.previewOnly);
	if (previewOnly === undefined) return { invalid: 'Preview Only', expected: 'true or false' };
	const waitForQueued = flag(options.waitForQueuedRequest);
	if (waitForQueued === undefined) {
		return { invalid: 'Wait for Queued Request', expected: 'true or false' };
	}
	const maxQueuedWait = integerIn(
		options.maxQueuedWait,
		1,
		MAX_QUEUED_WAIT_S,
		DEFAULT_QUEUED_WAIT_S,
	);
	if (maxQueuedWait === undefined) {
		return {
			invalid: 'Max Wait for Queued Request',
			expected: `a whole number of seconds from 1 to ${MAX_QUEUED_WAIT_S}`,
		};
	}
	const repeatTimes = integerIn(options.repeatTimes, 0, MAX_REPEAT_TIMES, 0);
	if (repeatTimes === undefined) {
		return { invalid: 'Repeat Times', expected: `a whole number from 0 to ${MAX_REPEAT_TIMES}` };
	}
	const repeatDelay = integerIn(options.repeatDelay, 0, MAX_REPEAT_DELAY_S, DEFAULT_REPEAT_DELAY_S);
	if (repeatDelay === undefined) {
		return {
			invalid: 'Repeat Delay',
			expected: `a whole number of seconds from 0 to ${MAX_REPEAT_DELAY_S}`,
		};
	}
	return {
		previewOnly,
		waitForQueued,
		maxQueuedWaitMs: maxQueuedWait * 1000,
		repeatTimes,
		repeatDelayMs: repeatDelay * 1000,
	};
}
