/**
 * The canvas subtitle as an n8n expression: the provider's name, then a detail some providers
 * add (a channel), e.g. "Vendor · Web Chat". Built from the registry so a new provider
 * shows up without editing the node description.
 */

/** What the subtitle needs from one provider. */
export interface SubtitleSource {
	id: string;
	displayName: string;
	subtitleDetail?: { parameter: string; labels: Readonly<Record<string, string>> };
}

/** An object literal for the expression, in the editor's readable spacing. */
function literal(map: Readonly<Record<string, string>>): string {
	const entries = Object.entries(map).map(
		([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`,
	);
	return `{${entries.join(', ')}}`;
}

/** The `subtitle` expression for the node description. */
export function canvasSubtitle(sources: readonly SubtitleSource[]): string {
	const names = literal(
		Object.fromEntries(sources.map((source) => [source.id, source.displayName])),
	);
	const details = sources
		.filter((source) => source.subtitleDetail)
		.map((source) => {
			const { parameter, labels } = source.subtitleDetail!;
			return ` + ($parameter["provider"] === ${JSON.stringify(source.id)} ? " · " + ${literal(labels)}[$parameter[${JSON.stringify(parameter)}]] : "")`;
		});
	return `={{ ${names}[$parameter["provider"]]${details.join('')} }}`;
}

/**
 * The `subtitle` of a node with one provider: the detail it names (a channel), or the
 * node's one action.
 */
export function vendorSubtitle(source: SubtitleSource): string {
	if (!source.subtitleDetail) return 'Create or update a contact';
	const { parameter, labels } = source.subtitleDetail;
	return `={{ ${literal(labels)}[$parameter[${JSON.stringify(parameter)}]] }}`;
}
