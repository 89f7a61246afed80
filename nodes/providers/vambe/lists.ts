import type { INodeListSearchResult } from 'n8n-workflow';

import type { ListOption, ProviderMethods } from '../../engine/provider';
import { text } from '../../engine/vendorMessage';
import { VAMBE_TAGS_PATH, vambeTagOptions } from './tags';

/**
 * Vambe's dropdowns: Stage and Agent (resource locators with search) and Tags, read from the
 * account with the node's credential.
 */

interface VambeStage {
	id?: unknown;
	name?: unknown;
}

/** Pipelines with their stages, as `GET /api/public/pipeline` returns them. */
interface VambePipeline extends VambeStage {
	stages?: VambeStage[];
}

/** Team members, as `GET /api/public/team-members/all` returns them. */
interface VambeMember extends VambeStage {
	first_name?: unknown;
	last_name?: unknown;
	email?: unknown;
}

/** Where Vambe lists what its dropdowns show. */
export const VAMBE_LIST_PATHS = {
	stages: '/api/public/pipeline',
	agents: '/api/public/team-members/all',
} as const;

/** Stages of every pipeline, named "Pipeline › Stage", from `GET /api/public/pipeline`. Pure. */
export function vambeStageEntries(pipelines: unknown): ListOption[] {
	const entries: ListOption[] = [];
	for (const pipeline of Array.isArray(pipelines) ? (pipelines as VambePipeline[]) : []) {
		for (const stage of Array.isArray(pipeline.stages) ? pipeline.stages : []) {
			const id = text(stage.id);
			if (id)
				entries.push({
					name: `${text(pipeline.name) ?? 'Pipeline'} › ${text(stage.name) ?? id}`,
					value: id,
				});
		}
	}
	return entries;
}

/** Team members by name (and e-mail), sorted, from `GET /api/public/team-members/all`. Pure. */
export function vambeAgentEntries(members: unknown): ListOption[] {
	const entries: ListOption[] = [];
	for (const member of Array.isArray(members) ? (members as VambeMember[]) : []) {
		const id = text(member.id);
		if (!id) continue;
		const fullName =
			text(member.name) ??
			([text(member.first_name), text(member.last_name)].filter(Boolean).join(' ') || id);
		const email = text(member.email);
		entries.push({ name: email ? `${fullName} (${email})` : fullName, value: id });
	}
	return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Keeps the entries whose name or ID contains what the user typed, ignoring case. */
function filtered(entries: ListOption[], filter?: string): INodeListSearchResult {
	if (!filter) return { results: entries };
	const needle = filter.toLowerCase();
	return {
		results: entries.filter(
			(entry) =>
				entry.name.toLowerCase().includes(needle) ||
				String(entry.value).toLowerCase().includes(needle),
		),
	};
}

/** The methods Vambe's fields name (`searchListMethod`, `loadOptionsMethod`). */
export const vambeMethods: ProviderMethods = {
	listSearch: {
		/** Vambe's Stage dropdown: every pipeline's stages. */
		searchVambeStages: async (read, filter) =>
			filtered(vambeStageEntries(await read(VAMBE_LIST_PATHS.stages)), filter),
		/** Vambe's Agent dropdown: team members by name. */
		searchVambeAgents: async (read, filter) =>
			filtered(vambeAgentEntries(await read(VAMBE_LIST_PATHS.agents)), filter),
	},
	loadOptions: {
		/** Vambe's Tags: the account's contact tags. */
		getVambeTags: async (read) => vambeTagOptions(await read(VAMBE_TAGS_PATH)),
	},
};
