'use strict';
/**
 * Benchmark-only n8n node, installed into the benchmark's n8n next to Contact Upsert and never
 * published. For every item it sends the ChatbotX upsert Contact Upsert sends, through the same
 * n8n helper (`httpRequestWithAuthentication`, credential decrypted once and passed in, as
 * Contact Upsert does), with the same number of requests in flight and one turn of the event loop
 * before each item (each of its workers waits a timer; the workers' timers share one turn), and
 * does nothing else: no parameters per item (it reads `identifier` and
 * `firstName` straight from the item), no validation, no retries, no normalizing. Its time and
 * memory are what n8n's HTTP helper costs; the difference to Contact Upsert is what the node
 * itself adds.
 */

// n8n-workflow's sleep(0) is this timer (Contact Upsert waits one only every 16 items in a row).
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

class HttpHelperOnly {
	constructor() {
		this.description = {
			displayName: 'HTTP Helper Only (benchmark baseline)',
			name: 'httpHelperOnly',
			group: ['transform'],
			version: 1,
			description: "Sends each item's ChatbotX upsert through n8n's HTTP helper and nothing else",
			defaults: { name: 'HTTP Helper Only' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'httpBearerAuth', required: true }],
			properties: [
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
				{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 10 },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const baseUrl = this.getNodeParameter('baseUrl', 0);
		const concurrency = this.getNodeParameter('concurrency', 0);
		const reference = this.getNode().credentials.httpBearerAuth;
		const credentialsDecrypted = {
			id: reference.id,
			name: reference.name,
			type: 'httpBearerAuth',
			data: await this.getCredentials('httpBearerAuth'),
		};
		const results = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const itemIndex = next++;
				if (itemIndex >= concurrency) await nextTurn();
				const { identifier, firstName } = items[itemIndex].json;
				const response = await this.helpers.httpRequestWithAuthentication.call(
					this,
					'httpBearerAuth',
					{
						method: 'POST',
						url: `${baseUrl}/v1/contacts/${encodeURIComponent(identifier)}/upsert`,
						headers: { 'Content-Type': 'application/json' },
						body: { firstName },
						json: true,
						timeout: 30000,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
					},
					{ credentialsDecrypted },
				);
				const ok = response.statusCode >= 200 && response.statusCode < 300;
				results[itemIndex] = {
					json: ok ? response.body : { error: `HTTP ${response.statusCode}` },
					pairedItem: { item: itemIndex },
				};
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
		return [results];
	}
}

module.exports = { HttpHelperOnly };
