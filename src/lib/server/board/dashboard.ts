// The dashboard's figures read from the live documents (board/reports/stats.ts counts them): one board, a
// council's boards period by period, and the unit scorecard of a year. Each commitment done counts
// by the server's done day and each carried-over item by the server's record (figures.ts); the
// sheets' logs are read first, so that a done just made is dated.
import type { App } from '../app.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import type { SyncServer } from '../sync/server.ts';
import type { Board } from '../council/councils.ts';
import { listCouncilBoards } from '../council/councils.ts';
import { readBoardContent, readMeetingsContent } from '../docs/board-content.ts';
import { listUnits } from '../council/units.ts';
import { carriedOf, catchUpSheets, doneDaysOf, withServerDoneDays } from './figures.ts';
import { todayIn } from '../../board/model/fields.ts';
import { boardYear, inPeriodOrder } from '../../board/model/periods.ts';
import {
	boardStats,
	councilTotals,
	periodRow,
	scorecard,
	type BoardStats,
	type CouncilTotals,
	type PeriodRow,
	type ScoreRow,
	type ScoredBoard
} from '../../board/reports/stats.ts';

/** What the figures read: the documents, and the sheets' logs to date what was done (figures.ts). */
export interface FiguresSource extends BoardDocuments {
	sync: Pick<SyncServer, 'logAfter' | 'trimLog'>;
}

export async function boardDashboard(
	app: FiguresSource,
	board: Pick<Board, 'id' | 'councilId'>,
	today = todayIn()
): Promise<BoardStats> {
	const units = await listUnits(app.db, board.councilId);
	const [scored] = await readScored(app, [board]);
	return boardStats(scored!.content, scored!.meetings, units, today);
}

/** Every board of the council, oldest period first, with its figures; and all of them together. */
export async function councilDashboard(
	app: App,
	councilId: string,
	today = todayIn()
): Promise<{ rows: PeriodRow[]; totals: CouncilTotals; years: number[] }> {
	const boards = inPeriodOrder(await listCouncilBoards(app.db, councilId));
	const units = await listUnits(app.db, councilId);
	const scored = await readScored(app, boards);
	return {
		rows: scored.map((s, i) =>
			periodRow(boards[i]!, boardStats(s.content, s.meetings, units, today))
		),
		totals: councilTotals(scored, units, today),
		years: yearsOf(boards)
	};
}

/** Each board's documents, read once for all the figures made of them, with what the server recorded. */
export async function readScored(
	app: FiguresSource,
	boards: Pick<Board, 'id' | 'councilId'>[]
): Promise<ScoredBoard[]> {
	const carried = await carriedOf(
		app.db,
		boards.map((b) => b.id)
	);
	const scored: ScoredBoard[] = [];
	for (const board of boards) {
		const units = await listUnits(app.db, board.councilId);
		await catchUpSheets(
			app.db,
			app.sync,
			board.id,
			units.map((u) => u.id)
		);
		scored.push({
			id: board.id,
			content: withServerDoneDays(
				await readBoardContent(app, board),
				await doneDaysOf(app.db, board.id)
			),
			meetings: await readMeetingsContent(app, board.id),
			carried: carried.get(board.id)!
		});
	}
	return scored;
}

/** The years the council's boards belong to, newest first (without reading any document). */
export async function councilYears(app: Pick<App, 'db'>, councilId: string): Promise<number[]> {
	return yearsOf(await listCouncilBoards(app.db, councilId));
}

const yearsOf = (boards: { period: string; createdAt: Date }[]) =>
	[...new Set(boards.map(boardYear))].sort((a, b) => b - a);

/** Each unit of the council over the boards of `year`. */
export async function unitScorecard(
	app: App,
	councilId: string,
	year: number,
	today = todayIn()
): Promise<{ rows: ScoreRow[]; boards: { id: string; title: string; period: string }[] }> {
	// Oldest period first, so that a carried-over commitment counts as its latest board has it.
	const boards = inPeriodOrder(
		(await listCouncilBoards(app.db, councilId)).filter((b) => boardYear(b) === year)
	);
	const units = await listUnits(app.db, councilId);
	return {
		rows: scorecard(await readScored(app, boards), units, today),
		boards: boards.map((b) => ({ id: b.id, title: b.title, period: b.period }))
	};
}

/** The year asked for (`?year=2026`), else the newest year with a board, else this year; null
 *  for something that is not a year. */
export function scorecardYear(
	asked: string | null,
	years: number[],
	today = todayIn()
): number | null {
	if (asked === null || asked === '') return years[0] ?? Number(today.slice(0, 4));
	return /^(19|20)\d{2}$/.test(asked) ? Number(asked) : null;
}
