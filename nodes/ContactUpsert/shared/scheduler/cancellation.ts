import type { Clock } from './clock';

/** Thrown by every wait that ended because the execution was cancelled. */
export class WaitCancelled extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'WaitCancelled';
	}
}

/**
 * Runs `onCancel` once when `signal` aborts; returns the function that stops listening. The
 * listener is removed when the wait ends so a long execution does not pile up listeners.
 */
export function onCancel(signal: AbortSignal | undefined, onCancel: () => void): () => void {
	if (!signal) return () => undefined;
	signal.addEventListener('abort', onCancel, { once: true });
	return () => signal.removeEventListener('abort', onCancel);
}

/** Waits `ms`, or rejects with {@link WaitCancelled} as soon as `signal` aborts. */
export async function abortableWait(
	clock: Clock,
	ms: number,
	signal: AbortSignal | undefined,
): Promise<void> {
	if (signal?.aborted) throw new WaitCancelled();
	await new Promise<void>((resolve, reject) => {
		const cancelTimer = clock.schedule(() => {
			stopListening();
			resolve();
		}, ms);
		const stopListening = onCancel(signal, () => {
			cancelTimer();
			reject(new WaitCancelled());
		});
	});
}
