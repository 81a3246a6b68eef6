// 标题回行 (GB/T 9704-2012, 7.3.3): a title too long for one line breaks so that each line keeps its
// words whole and the lines stand balanced (梯形 or 菱形), never leaving a character or two alone. A
// browser or Word breaks Chinese between any two characters, so the title is cut here, between its
// pieces: the names it is made of (the council, the period) and the words of the text around them.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A character's width in ems: CJK and full-width forms one, Latin letters and digits about half. */
export function textWidth(text: string): number {
	let width = 0;
	for (const ch of text)
		width +=
			/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
				ch
			)
				? 1
				: 0.55;
	return width;
}

/**
 * The title as pieces no line should split: each of `names` where it occurs, and the text between them
 * cut at spaces (English); a piece wider than `capacity` is cut into words, and a word still too wide
 * into characters.
 */
export function titlePieces(title: string, names: string[], capacity: number): string[] {
	let pieces = [title];
	for (const name of names.filter(Boolean)) {
		pieces = pieces.flatMap((piece) => {
			if (names.includes(piece)) return [piece];
			const at = piece.indexOf(name);
			return at < 0
				? [piece]
				: [piece.slice(0, at), name, piece.slice(at + name.length)].filter(Boolean);
		});
	}
	return (
		pieces
			.flatMap((piece) => (names.includes(piece) ? [piece] : piece.split(/(?<= )/)))
			// A comma or closing mark stays with what it follows: no line starts with one.
			.reduce<string[]>(
				(out, piece) =>
					/^[,.;:!?)\]，。；：！？）、」》]/.test(piece) && out.length
						? [...out.slice(0, -1), out.at(-1) + piece]
						: [...out, piece],
				[]
			)
			.flatMap((piece) =>
				textWidth(piece) <= capacity ? [piece] : [...segmenter.segment(piece)].map((s) => s.segment)
			)
			.flatMap((piece) => (textWidth(piece) <= capacity ? [piece] : [...piece]))
	);
}

/**
 * The pieces laid on as few lines of at most `capacity` as they need, balanced: of every way to cut
 * them into that many lines, the one whose longest line is shortest, and of those the most even.
 */
export function titleLines(pieces: string[], capacity: number): string[] {
	const n = pieces.length;
	const line = (from: number, to: number) => pieces.slice(from, to).join('').trim();
	const width = (from: number, to: number) => textWidth(line(from, to));
	// Fewest lines first; then the shortest longest line they allow; then the least sum of squares.
	const fewest = lines(n, width, capacity, () => 1);
	if (!fewest) return [line(0, n)];
	const count = fewest.value;
	const longest = minLongest(n, count, width, capacity);
	const even = lines(n, width, longest, (w) => w * w, count)!;
	return even.cut.map(([from, to]) => line(from, to));
}

type Cut = [from: number, to: number][];

/**
 * Cuts pieces [0, n) into lines no wider than `limit` at the least total `cost` of their widths
 * (dynamic programming over where each line ends); with `count`, into exactly that many lines.
 */
function lines(
	n: number,
	width: (from: number, to: number) => number,
	limit: number,
	cost: (w: number) => number,
	count?: number
) {
	// best[k][i]: the cheapest cut of the first i pieces into k lines.
	const most = count ?? n;
	const best: ({ value: number; cut: Cut } | undefined)[][] = [[{ value: 0, cut: [] }]];
	for (let k = 1; k <= most; k++) {
		best[k] = [];
		for (let i = 1; i <= n; i++) {
			for (let j = i - 1; j >= 0; j--) {
				const w = width(j, i);
				if (w > limit) break;
				const before = best[k - 1]![j];
				if (!before) continue;
				const value = before.value + cost(w);
				if (!best[k]![i] || value < best[k]![i]!.value)
					best[k]![i] = { value, cut: [...before.cut, [j, i]] };
			}
		}
		if (count === undefined && best[k]![n]) return { value: k, cut: best[k]![n]!.cut };
	}
	return count === undefined ? undefined : best[count]![n];
}

/** The shortest longest line of any cut into `count` lines: one of the widths a line can have. */
function minLongest(
	n: number,
	count: number,
	width: (from: number, to: number) => number,
	capacity: number
): number {
	const candidates = new Set<number>();
	for (let j = 0; j < n; j++)
		for (let i = j + 1; i <= n; i++) if (width(j, i) <= capacity) candidates.add(width(j, i));
	const sorted = [...candidates].sort((a, b) => a - b);
	// A wider limit never makes a cut impossible: the first that works, found by halving.
	let [low, high] = [0, sorted.length - 1];
	while (low < high) {
		const mid = (low + high) >> 1;
		if (lines(n, width, sorted[mid]!, () => 1, count)) high = mid;
		else low = mid + 1;
	}
	return sorted[low] ?? capacity;
}
