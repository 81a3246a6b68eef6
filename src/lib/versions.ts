// What the browser and the server share about versions.
export const LABEL_MAX = 100;

/** How a version is named to a reader: automatic ones are stored as 'auto' and named in their language. */
export function versionLabel(version: { label: string; kind: string }, autoLabel: string): string {
	return version.kind === 'auto' ? autoLabel : version.label;
}
