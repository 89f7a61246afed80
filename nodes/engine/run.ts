import type { IExecuteFunctions } from 'n8n-workflow';

import { baseUrlError, concurrencyError, connectionError, unknownProviderError } from './errors';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, readConcurrency } from './options';
import { ParameterReader } from './parameters';
import type { Connection, Provider } from './provider';
import { accountKey, schedulers, type AccountScheduler } from './scheduler/registry';
import { openUnchanged, type UnchangedContacts } from './steps/unchanged';
import { openSender, type Sender } from './transport';
import { baseUrlProblem } from './url';

/** Everything one run shares between its items. */
export interface Run {
	context: IExecuteFunctions;
	provider: Provider<unknown>;
	connection: Connection;
	concurrency: number;
	/** The vendor account's scheduler, shared by every execution in this process. */
	account: AccountScheduler;
	sender: Sender;
	/** Unique per execution of this node; with the item index it keys idempotent requests. */
	runKey: string;
	/** The credential's secret values, masked in every error in case a vendor echoes them. */
	secrets: string[];
	parameters: ParameterReader;
	signal: AbortSignal | undefined;
	/** Options → Skip Unchanged Contacts, when any item may use it (or Forget is on). */
	unchanged?: UnchangedContacts;
}

/** Whether the node runs as an AI agent's tool (n8n registers it as `…contactUpsertTool`). */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * Sets a run up before its first item: the provider, Options → Concurrency, the credential
 * (its Base URL and the provider's own checks), the secrets to mask, the vendor account's
 * scheduler and the run's key, then what Skip Unchanged Contacts decides before the first
 * request. A problem here stops the run: there is no item to fail instead.
 */
export async function prepareRun(
	context: IExecuteFunctions,
	providers: ReadonlyArray<Provider<unknown>>,
): Promise<Run> {
	const node = context.getNode();
	const provider = selectProvider(context, providers);
	const concurrency = readRunConcurrency(context);
	const credentials = await context.getCredentials(provider.credentialType);
	const connection = provider.connection(credentials);
	const secrets = provider.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value.trim().length >= 4);
	const baseUrl = baseUrlProblem(connection.baseUrl);
	if (baseUrl) throw baseUrlError(node, provider, baseUrl);
	const problem = provider.connectionProblem?.(connection);
	if (problem) throw connectionError(node, provider, problem);
	const account = schedulers.forAccount(
		await accountKey(provider.credentialType, connection.baseUrl, [
			...provider.secretFields.map((field) => credentials[field]),
			connection.instanceId,
		]),
	);
	const signal = context.getExecutionCancelSignal?.();
	const run: Run = {
		context,
		provider,
		connection,
		concurrency,
		account,
		sender: openSender(context, provider, credentials, account, concurrency, signal),
		// The execution ID makes it unique per execution; the random part per run of the node
		// within one execution (a loop runs it several times).
		runKey: `${context.getExecutionId() ?? 'manual'}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`,
		secrets,
		parameters: new ParameterReader(context, !runsAsTool(context)),
		signal,
	};
	run.unchanged = await openUnchanged(run, context.getInputData().length);
	return run;
}

/** The node's one provider, or the one its `provider` parameter names. */
function selectProvider(
	context: IExecuteFunctions,
	providers: ReadonlyArray<Provider<unknown>>,
): Provider<unknown> {
	if (providers.length === 1) return providers[0];
	const providerId = context.getNodeParameter('provider', 0) as string;
	const provider = providers.find((candidate) => candidate.id === providerId);
	if (!provider) {
		const names = providers.map((candidate) => candidate.displayName);
		throw unknownProviderError(context.getNode(), providerId, names);
	}
	return provider;
}

/**
 * Options → Concurrency sizes the whole run, so it is read once, with the first item. A value
 * that cannot be read or is out of range stops the run.
 */
function readRunConcurrency(context: IExecuteFunctions): number {
	let value: unknown;
	try {
		value = context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw concurrencyError(context.getNode(), `could not be read: ${reason}`);
	}
	const concurrency = readConcurrency(value);
	if (concurrency === undefined) {
		throw concurrencyError(
			context.getNode(),
			`must be a whole number from 1 to ${MAX_CONCURRENCY}`,
		);
	}
	return concurrency;
}
