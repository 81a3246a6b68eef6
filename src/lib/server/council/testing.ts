// For tests: a council and another one, whose units, people and links must stay apart from it.
import type { Db } from '../db/index.ts';
import { createCouncil } from './councils.ts';

export async function twoCouncils(db: Db): Promise<{ councilId: string; otherCouncilId: string }> {
	return {
		councilId: (await createCouncil(db, { name: '幸福里社区党建联席会', community: '幸福里社区' }))
			.id,
		otherCouncilId: (
			await createCouncil(db, { name: '明月湾社区党建联席会', community: '明月湾社区' })
		).id
	};
}
