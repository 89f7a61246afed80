'use strict';
/** The package as n8n sees it once installed: the node and its AI-agent tool variant. */
const { NODE_TYPE, TOOL_NODE_TYPE } = require('../lib/workflows');

function packageInstallCases(n8n) {
	describe('installed as a community package', () => {
		test('n8n registers Contact Upsert and the tool variant AI agents use', async () => {
			const types = await n8n.packageNodeTypes();
			const byName = Object.fromEntries(types.map((type) => [type.name, type]));
			expect(Object.keys(byName).sort()).toEqual([NODE_TYPE, TOOL_NODE_TYPE]);

			expect(byName[NODE_TYPE]).toMatchObject({
				displayName: 'Contact Upsert',
				version: 1,
				usableAsTool: true,
			});
			expect(byName[NODE_TYPE].credentials.map((credential) => credential.name).sort()).toEqual([
				'chatbotxApi',
				'hypersenderApi',
				'rampwinApi',
				'vambeApi',
			]);

			// n8n generates the tool from `usableAsTool`: it plugs into an agent's tool slot and asks
			// for a description the agent reads.
			const tool = byName[TOOL_NODE_TYPE];
			expect(tool.displayName).toBe('Contact Upsert Tool');
			expect(tool.outputs).toEqual(['ai_tool']);
			expect(tool.properties.map((property) => property.name)).toEqual(
				expect.arrayContaining(['toolDescription', 'provider', 'identifier', 'chatId']),
			);
		});
	});
}

module.exports = { packageInstallCases };
