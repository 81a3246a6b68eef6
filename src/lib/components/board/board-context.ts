// What the cards of a board need besides their own item: the live connection, the options that
// links can point to, and who is where. Set once by the board page, read by every card.
import { getContext, setContext } from 'svelte';
import type { BoardConnection } from '$lib/collab/board-connection.svelte.ts';

export interface Option {
	value: string;
	label: string;
}

export interface BoardContext {
	readonly connection: BoardConnection;
	/** Options per link target: unit, need, project, pledge, need|project. */
	readonly options: Record<string, Option[]>;
	/** A unit's name by id. */
	unitName(id: string): string;
	/** The item this person has just added: its card opens unfolded, ready to fill in. */
	readonly added: string | null;
}

const KEY = Symbol('board');

export function setBoardContext(context: BoardContext): void {
	setContext(KEY, context);
}

export function useBoard(): BoardContext {
	return getContext<BoardContext>(KEY);
}
