import {
	ACCOUNT_IDLE_MS,
	accountKey,
	SchedulerRegistry,
} from '../../../../nodes/engine/scheduler/registry';
import { SECRETS } from '../../helpers/credentials';
import { FakeClock } from '../../helpers/fakeClock';

const SECRET = SECRETS.rampwinApi;

describe('accountKey', () => {
	let base: string;
	beforeAll(async () => {
		base = await accountKey('rampwinApi', 'https://api.rampwin.com', [SECRET, undefined]);
	});

	it('holds no secret', () => {
		expect(base).not.toContain(SECRET);
		expect(base).not.toContain(SECRET.slice(0, 8));
	});

	it.each([
		['another secret', ['rampwinApi', 'https://api.rampwin.com', ['other', undefined]]],
		['another base URL', ['rampwinApi', 'https://eu.rampwin.com', [SECRET, undefined]]],
		['another vendor', ['vambeApi', 'https://api.rampwin.com', [SECRET, undefined]]],
		['another instance', ['rampwinApi', 'https://api.rampwin.com', [SECRET, 'i-2']]],
	] as const)('tells %s apart', async (_case, [type, url, identity]) => {
		expect(await accountKey(type, url, identity)).not.toBe(base);
	});

	it('is the same for the same account, trailing slash or not', async () => {
		expect(await accountKey('rampwinApi', 'https://api.rampwin.com/', [SECRET, undefined])).toBe(
			base,
		);
	});
});

describe('SchedulerRegistry', () => {
	it('gives every run of one account the same scheduler and other accounts their own', () => {
		const registry = new SchedulerRegistry(new FakeClock());

		expect(registry.forAccount('a')).toBe(registry.forAccount('a'));
		expect(registry.forAccount('b')).not.toBe(registry.forAccount('a'));
		expect(registry.size).toBe(2);
	});

	it('never lets one account slow another', async () => {
		const clock = new FakeClock();
		const registry = new SchedulerRegistry(clock);
		const limited = registry.forAccount('limited').budget;
		const { ticket } = await limited.acquire(undefined, 1_000);
		limited.record(ticket, 'throttled', 60_000);

		const other = await registry.forAccount('other').budget.acquire(undefined, 1_000);

		expect(other.waitedMs).toBe(0);
		expect(clock.now()).toBe(0);
		await expect(limited.acquire(undefined, 1_000)).rejects.toThrow('rate-limit wait budget');
	});

	it('drops accounts left idle and keeps those in use', async () => {
		const clock = new FakeClock();
		const registry = new SchedulerRegistry(clock);
		const busy = registry.forAccount('busy');
		const idle = registry.forAccount('idle');
		const { ticket } = await busy.budget.acquire(undefined, 1_000);
		await clock.advance(ACCOUNT_IDLE_MS);

		registry.forAccount('busy');
		expect(registry.size).toBe(1);
		expect(registry.forAccount('idle')).not.toBe(idle);
		busy.budget.record(ticket, 'accepted');
		await clock.advance(ACCOUNT_IDLE_MS);
		registry.forAccount('other');
		expect(registry.size).toBe(1);
	});

	it('keeps an account while a contact is waiting its turn', async () => {
		const clock = new FakeClock();
		const registry = new SchedulerRegistry(clock);
		const account = registry.forAccount('a');
		const release = await account.contacts.acquire('ana');
		await clock.advance(ACCOUNT_IDLE_MS * 2);

		expect(registry.forAccount('a')).toBe(account);
		release();
	});
});
