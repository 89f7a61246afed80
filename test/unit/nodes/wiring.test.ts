import { ContactUpsert } from '../../../nodes/ContactUpsert/ContactUpsert.node';
import { providers } from '../../../nodes/providers';
import {
	credentialClassName,
	credentialsAt,
	loadCredentialType,
	SANDBOX_CREDENTIALS,
	SANDBOX_VENDORS,
} from '../helpers/registry';
import { listFiles, readJson } from '../helpers/repository';

/**
 * Each registered provider wired into the node and its credential: a Provider choice, its own
 * credential entry, secret fields as password fields, and a sandbox that fills that credential;
 * and nothing wired that the registry does not know. The README's "Adding a vendor" list itself
 * (files, package.json, icons, sandbox, demo, seeds, test credentials) is checked step by step in
 * test/unit/registry/lists.test.ts.
 */

const packageJson = readJson('package.json') as {
	n8n: { credentials: string[] };
};

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

	it("gets from the sandbox exactly its credential's required fields, and only known ones", () => {
		const values = credentialsAt(vendor!, 'http://127.0.0.1:1');
		const names = (credentialType?.properties ?? []).map((property) => property.name);
		const required = (credentialType?.properties ?? [])
			.filter((property) => property.required)
			.map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining(Object.keys(values)));
		expect(Object.keys(values)).toEqual(expect.arrayContaining(required));
	});
});

describe('nothing is wired that the registry does not know', () => {
	const ids = providers.map((provider) => provider.id).sort();
	const types = providers.map((provider) => provider.credentialType);

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
