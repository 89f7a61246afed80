import type { ICredentialType } from 'n8n-workflow';

import { providers } from '../../../nodes/providers';
import { exists, load } from './repository';

/** `vambeApi` → `VambeApi`: the class and file name of a credential type. */
export function credentialClassName(credentialType: string): string {
	return `${credentialType[0].toUpperCase()}${credentialType.slice(1)}`;
}

/** credentials/VambeApi.credentials.ts of a credential type (from the repository root). */
export function credentialFile(credentialType: string): string {
	return `credentials/${credentialClassName(credentialType)}.credentials.ts`;
}

/** A new instance of the credential type the provider names (undefined when it is missing). */
export function loadCredentialType(credentialType: string): ICredentialType | undefined {
	const file = credentialFile(credentialType);
	if (!exists(file)) return undefined;
	const exported = load(file) as Record<string, new () => ICredentialType>;
	const CredentialClass = exported[credentialClassName(credentialType)];
	return CredentialClass ? new CredentialClass() : undefined;
}

/** The package's credential types by name, one per registered provider. */
export function registeredCredentialTypes(): Record<string, ICredentialType> {
	return Object.fromEntries(
		providers.map((provider) => [
			provider.credentialType,
			loadCredentialType(provider.credentialType) as ICredentialType,
		]),
	);
}

/** A vendor of the sandbox (sandbox/vendors), as the registry checks see it. */
export interface SandboxVendor {
	id: string;
	displayName: string;
	credentialType: string;
	sandboxCredentialId: string;
	prefix?: string;
	create: () => { credentialValues: Record<string, string> };
}

/** A credential a workflow refers to: `{ id, name, type }`. */
export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

/** The sandbox's vendors. */
const sandboxVendors = load('sandbox/vendors') as {
	VENDORS: SandboxVendor[];
	credentialsAt: (vendor: SandboxVendor, url: string) => Record<string, string>;
};
export const SANDBOX_VENDORS = sandboxVendors.VENDORS;

/** A sandbox vendor's credential values for a sandbox at `url`, as `sandbox.credentials()` gives them. */
export const credentialsAt = sandboxVendors.credentialsAt;

/** The sandbox credentials the demo and `npm start` import, per provider. */
export const SANDBOX_CREDENTIALS = (
	load('scripts/lib/credentials') as { SANDBOX_CREDENTIALS: Record<string, CredentialRef> }
).SANDBOX_CREDENTIALS;

/** The credentials the e2e workflows refer to, by name. */
export const E2E_CREDENTIALS = (
	load('test/e2e/lib/credentials') as { CREDENTIALS: Record<string, CredentialRef> }
).CREDENTIALS;
