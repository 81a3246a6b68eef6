// The dashboard's figures read from the live documents (board/stats.ts counts them): one board, a
// council's boards period by period, and the unit scorecard of a year.
import type { App } from './app.ts';
import type { Board } from './councils.ts';
import { listCouncilBoards } from './councils.ts';
import { readBoardContent, readMeetingsContent } from './board-content.ts';
import { listUnits } from './units.ts';
import { todayIn } from '../board/lists.ts';
import { boardStats, boardYear, periodRow, scorecard, type BoardStats, type PeriodRow, type ScoreRow } from '../board/stats.ts';

export function boardDashboard(app: App, board: Pick<Board, 'id' | 'councilId'>, today = todayIn()): BoardStats {
	const units = listUnits(app.db, board.councilId);
	return boardStats(readBoardContent(app, board), readMeetingsContent(app, board.id), units, today);
}

/** Every board of the council, oldest first, with its figures. */
export function councilDashboard(app: App, councilId: string, today = todayIn()): { rows: PeriodRow[]; years: number[] } {
	const boards = listCouncilBoards(app.db, councilId);
	const rows = boards.map((board) => periodRow(board, boardDashboard(app, board, today)));
	const years = [...new Set(boards.map(boardYear))].sort((a, b) => b - a);
	return { rows, years };
}

/** Each unit of the council over the boards of `year`. */
export function unitScorecard(app: App, councilId: string, year: number, today = todayIn()): { rows: ScoreRow[]; boards: { id: string; title: string; period: string }[] } {
	const boards = listCouncilBoards(app.db, councilId).filter((b) => boardYear(b) === year);
	const scored = boards.map((board) => ({ id: board.id, content: readBoardContent(app, board), meetings: readMeetingsContent(app, board.id) }));
	const units = listUnits(app.db, councilId);
	return { rows: scorecard(scored, units, today), boards: boards.map((b) => ({ id: b.id, title: b.title, period: b.period })) };
}
