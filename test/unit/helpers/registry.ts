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
