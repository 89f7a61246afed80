import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';
import { providers } from '../../../nodes/providers';
import { SECRETS, testCredentials } from '../helpers/credentials';
import {
	credentialClassName,
	credentialFile,
	E2E_CREDENTIALS,
	loadCredentialType,
	SANDBOX_CREDENTIALS,
	SANDBOX_VENDORS,
} from '../helpers/registry';
import { exists, listFiles, load, readJson } from '../helpers/repository';

/**
 * Adding a vendor is one provider file (and its registry line), one credential file, one icon
 * pair and one sandbox vendor file: everything else derives from those. This walks the provider
 * registry and checks each provider is wired everywhere it must be.
 */

const packageJson = readJson('package.json') as {
	n8n: { credentials: string[] };
};
const e2eSeed = load('test/e2e/lib/seed') as Record<string, object>;

const cases = providers.map((provider) => [provider.id, provider] as const);
const { description } = new ContactUpsert();

describe.each(cases)('provider %s', (_id, provider) => {
	const credentialType = loadCredentialType(provider.credentialType);
	const vendor = SANDBOX_VENDORS.find((candidate) => candidate.id === provider.id);

	it("is a choice of the node's Provider field and named in the canvas subtitle", () => {
		const providerField = description.properties.find((property) => property.name === 'provider');
		expect(providerField?.options).toContainEqual({
			name: provider.displayName,
			value: provider.id,
		});
		expect(description.subtitle).toContain(
			`${JSON.stringify(provider.id)}: ${JSON.stringify(provider.displayName)}`,
		);
	});

	it('asks for its own credential in the node, keyed on the provider', () => {
		const entries = (description.credentials ?? []).filter(
			(credential) => credential.name === provider.credentialType,
		);
		expect(entries).toEqual([
			{
				name: provider.credentialType,
				required: true,
				displayOptions: { show: { '/provider': [provider.id] } },
			},
		]);
	});

	it('has a credential file whose class and name match its credentialType', () => {
		expect(exists(credentialFile(provider.credentialType))).toBe(true);
		expect(credentialType?.name).toBe(provider.credentialType);
	});

	it('lists its credential in package.json n8n.credentials', () => {
		expect(packageJson.n8n.credentials).toContain(
			`dist/credentials/${credentialClassName(provider.credentialType)}.credentials.js`,
		);
	});

	it('names every secret field as a password field of its credential', () => {
		const properties = credentialType?.properties ?? [];
		for (const field of provider.secretFields) {
			const property = properties.find((candidate) => candidate.name === field);
			expect({ field, password: property?.typeOptions?.password }).toEqual({
				field,
				password: true,
			});
		}
	});

	it('has the light and dark icons its credential refers to', () => {
		const icon = credentialType?.icon as { light: string; dark: string } | undefined;
		expect(icon).toEqual({ light: expect.any(String), dark: expect.any(String) });
		for (const file of [icon?.light, icon?.dark]) {
			const relative = String(file).replace(/^file:/, '');
			expect({ file, exists: exists(`credentials/${relative}`) }).toEqual({
				file,
				exists: true,
			});
		}
	});

	it('has a sandbox vendor with the same id, credential type and display name', () => {
		expect(vendor).toMatchObject({
			id: provider.id,
			credentialType: provider.credentialType,
			displayName: provider.displayName,
		});
	});

	it("gets from the sandbox exactly its credential's required fields, and only known ones", () => {
		const values = vendor!.create().credentials('http://127.0.0.1:1');
		const names = (credentialType?.properties ?? []).map((property) => property.name);
		const required = (credentialType?.properties ?? [])
			.filter((property) => property.required)
			.map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining(Object.keys(values)));
		expect(Object.keys(values)).toEqual(expect.arrayContaining(required));
	});

	it('has sandbox, e2e and unit-test credentials and an e2e seed', () => {
		expect(SANDBOX_CREDENTIALS[provider.id]).toMatchObject({ type: provider.credentialType });
		expect(E2E_CREDENTIALS[provider.id]).toMatchObject({
			type: provider.credentialType,
		});
		expect(e2eSeed[provider.id]).toEqual(expect.any(Object));
		expect(testCredentials[provider.credentialType]).toEqual(expect.any(Object));
		expect(SECRETS).toHaveProperty(provider.credentialType);
	});
});

describe('nothing is wired that the registry does not know', () => {
	const ids = providers.map((provider) => provider.id).sort();
	const types = providers.map((provider) => provider.credentialType);

	it('every sandbox vendor is a registered provider', () => {
		expect(SANDBOX_VENDORS.map((vendor) => vendor.id).sort()).toEqual(ids);
	});

	it('every sandbox vendor file is listed in sandbox/vendors/index.js', () => {
		const files = listFiles('sandbox/vendors')
			.filter((file) => file !== 'index.js')
			.map((file) => file.replace(/\.js$/, ''))
			.sort();
		expect(files).toEqual(ids);
	});

	it('the node asks for no credential the registry does not know', () => {
		expect((description.credentials ?? []).map((credential) => credential.name).sort()).toEqual(
			[...types].sort(),
		);
	});

	it('every credential file and package.json entry belongs to a provider', () => {
		const files = listFiles('credentials').filter((file) => file.endsWith('.credentials.ts'));
		expect(files.sort()).toEqual(
			types.map((type) => `${credentialClassName(type)}.credentials.ts`).sort(),
		);
		expect(packageJson.n8n.credentials).toHaveLength(types.length);
	});

	it('the sandbox credential ids are unique (the examples refer to them)', () => {
		const sandboxIds = Object.values(SANDBOX_CREDENTIALS).map((credential) => credential.id);
		expect(new Set(sandboxIds).size).toBe(providers.length);
	});
});
