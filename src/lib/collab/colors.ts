/** Presence colours, dark enough for white text and distinct from each other. */
const PALETTE = [
	'#2563eb',
	'#059669',
	'#d97706',
	'#7c3aed',
	'#db2777',
	'#0891b2',
	'#65a30d',
	'#ea580c'
];

export function colorFor(id: string): string {
	let hash = 0;
	for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
	return PALETTE[Math.abs(hash) % PALETTE.length]!;
}
