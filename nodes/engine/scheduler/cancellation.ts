import type { Clock } from './clock';

/** Thrown by every wait that ended because the execution was cancelled. */
export class WaitCancelled extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'WaitCancelled';
	}
}

/** Callbacks waiting on each execution's cancel signal: one listener per signal, not per wait. */
const waitingOn = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts; returns the function that stops listening. A run
 * has hundreds of waits at once, so they share one listener on the signal (Node warns about
 * more than ten) and each leaves when it ends.
 */
export function onCancel(signal: AbortSignal | undefined, callback: () => void): () => void {
	if (!signal) return () => undefined;
	let callbacks = waitingOn.get(signal);
	if (!callbacks) {
		const registered = new Set<() => void>();
		callbacks = registered;
		waitingOn.set(signal, registered);
		signal.addEventListener(
			'abort',
			() => {
				for (const waiting of [...registered]) waiting();
				registered.clear();
			},
			{ once: true },
		);
	}
	const entry = () => callback();
	callbacks.add(entry);
	const own = callbacks;
	return () => {
		own.delete(entry);
	};
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
