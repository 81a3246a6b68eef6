// The rights on a board's discussion (comments.ts) for each person of the seeded council and an
// administrator, in each of the board's statuses, read from a real store.
import { describe, it } from 'vitest';
import { BOARD_STATUSES } from '../../board/model/status.ts';
import type { Comment } from '../../board/model/comments.ts';
import { getBoard, type Board } from '../council/councils.ts';
import { roleInCouncil, type CouncilRole } from './council.ts';
import { mayChangeComment, mayComment, mayHideComment } from './comments.ts';
import { everyone, expectForEveryone, usePolicyWorld, type PersonKey } from './testing.ts';

const world = usePolicyWorld();

/** The rule for the person's place in the seeded council (null for the outsider). */
const ask =
	<T>(rule: (who: CouncilRole & { userId: string }, board: Board) => T) =>
	async (person: PersonKey) => {
		const who = await roleInCouncil(world().db, world().users[person], world().seeded.councilId);
		const board = (await getBoard(world().db, world().seeded.boardId))!;
		return who ? rule({ ...who, userId: world().users[person].id }, board) : null;
	};

const byHospitalRep = (): Pick<Comment, 'authorId' | 'deletedAt' | 'hidden'> => ({
	authorId: world().users.hospitalRep.id,
	deletedAt: null,
	hidden: null
});

describe('the discussion', () => {
	for (const status of BOARD_STATUSES.filter((s) => s !== 'archived'))
		it(`is open to everyone of the council but observers while ${status}`, async () => {
			await world().setStatus(status);
			await world().setObserverRights({ observersComment: false });
			await expectForEveryone(ask(mayComment), {
				...everyone<boolean | null>(true),
				observer: false,
				outsider: null
			});
		});

	it('is open to observers where the council allows it', async () => {
		await world().setStatus('tracking');
		await world().setObserverRights({ observersComment: true });
		await expectForEveryone(ask(mayComment), { ...everyone<boolean | null>(true), outsider: null });
		await world().setObserverRights({ observersComment: false });
	});

	it('is closed to everyone once the board is archived', async () => {
		await world().setStatus('archived');
		await expectForEveryone(ask(mayComment), {
			...everyone<boolean | null>(false),
			outsider: null
		});
		await expectForEveryone(
			ask((who, board) => mayHideComment(who, board, byHospitalRep())),
			{ ...everyone<boolean | null>(false), outsider: null }
		);
	});
});

describe('a comment', () => {
	it('is its author’s to change, while it is shown', async () => {
		await world().setStatus('agreed');
		await expectForEveryone(
			ask((who, board) => mayChangeComment(who, board, byHospitalRep())),
			{ ...everyone<boolean | null>(false), hospitalRep: true, outsider: null }
		);
		await expectForEveryone(
			ask((who, board) =>
				mayChangeComment(who, board, { ...byHospitalRep(), deletedAt: Date.now() })
			),
			{ ...everyone<boolean | null>(false), outsider: null }
		);
	});

	it('is hidden by a secretary only, and only while it is shown', async () => {
		await world().setStatus('meeting');
		await expectForEveryone(
			ask((who, board) => mayHideComment(who, board, byHospitalRep())),
			{ ...everyone<boolean | null>(false), secretary: true, admin: true, outsider: null }
		);
		const hidden = { byName: '书记', reason: '与本项目无关', at: Date.now() };
		await expectForEveryone(
			ask((who, board) => mayHideComment(who, board, { ...byHospitalRep(), hidden })),
			{ ...everyone<boolean | null>(false), outsider: null }
		);
	});
});
