import { AccountBudget } from './accountBudget';
import { systemClock, type Clock } from './clock';
import { ContactQueue } from './contactQueue';

/** An account with nothing in flight or waiting for this long is forgotten (its pace too). */
export const ACCOUNT_IDLE_MS = 5 * 60_000;

/** Everything the executions in this process share for one vendor account. */
export interface AccountScheduler {
	budget: AccountBudget;
	contacts: ContactQueue;
}

// A digest keyed with a per-process random key: the registry's keys tell accounts apart without
// holding anything from which a secret could be recovered, even a short one. Web Crypto (global in
// Node 20+) needs no import, so the package still requires nothing n8n does not provide.
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
let digestKey: Promise<HmacKey> | undefined;

async function hmacKey(): Promise<HmacKey> {
	digestKey ??= crypto.subtle.importKey(
		'raw',
		crypto.getRandomValues(new Uint8Array(32)),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign'],
	);
	return await digestKey;
}

/**
 * The key of one vendor account: credential type, base URL and an HMAC-SHA-256 digest of the
 * credential's secret values and instance. Two credentials with the same key are the same
 * account to the vendor, so they share one budget; the secrets themselves are never kept.
 */
export async function accountKey(
	credentialType: string,
	baseUrl: string,
	identity: ReadonlyArray<unknown>,
): Promise<string> {
	const data = new TextEncoder().encode(
		JSON.stringify(identity.map((value) => (value === undefined ? null : value))),
	);
	const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(), data));
	const digest = Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${credentialType} ${baseUrl.trim().replace(/\/+$/, '')} ${digest}`;
}

/**
 * The schedulers of the accounts in use, one per account for the whole process. Idle accounts
 * are dropped when the registry is next used, so memory follows the accounts in use.
 */
export class SchedulerRegistry {
	private readonly accounts = new Map<string, AccountScheduler>();

	constructor(
		private readonly clock: Clock = systemClock,
		private readonly idleMs: number = ACCOUNT_IDLE_MS,
	) {}

	/** Accounts held now. */
	get size(): number {
		return this.accounts.size;
	}

	/** The scheduler of an account, created on first use. */
	forAccount(key: string): AccountScheduler {
		this.sweep();
		let scheduler = this.accounts.get(key);
		if (!scheduler) {
			scheduler = { budget: new AccountBudget(this.clock), contacts: new ContactQueue() };
			this.accounts.set(key, scheduler);
		}
		return scheduler;
	}

	/** Forgets every account, as a restart of the process would (tests start each case so). */
	clear(): void {
		this.accounts.clear();
	}

	private sweep(): void {
		const now = this.clock.now();
		for (const [key, scheduler] of this.accounts) {
			if (scheduler.contacts.size === 0 && scheduler.budget.idleFor(now) >= this.idleMs) {
				this.accounts.delete(key);
			}
		}
	}
}

/** The process-wide registry: every execution of the node in this n8n process uses it. */
export const schedulers = new SchedulerRegistry();
