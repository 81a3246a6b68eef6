// What a tab showing one of the board document's lists (needs, projects) is given by the page.
import type { BoardConnection } from '$lib/collab/board-connection.svelte.ts';
import type { BoardPage } from '$lib/collab/board-page.svelte.ts';

export interface ListTabProps {
	page: BoardPage;
	connection: BoardConnection;
	boardId: string;
	/** The board document's room, where presence in its fields is told. */
	room: string;
	/** Whether this person may write the board document. */
	canEdit: boolean;
	/** The council's units, by name, for the import of a spreadsheet. */
	unitNames: string[];
}
