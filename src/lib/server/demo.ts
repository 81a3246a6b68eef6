// A realistic sample council for `npm run demo`: an urban community in China, its resident units
// and a first board with a few joint activities. Written through the project's own code.
import * as Y from 'yjs';
import type { Db } from './db/index.ts';
import { createUser } from './accounts.ts';
import { createBoard, createCouncil, setMembership } from './councils.ts';
import { DocStore, replay } from './sync/storage.ts';
import { boardRoom } from './sync/rooms.ts';
import { addPlanItem, type PlanItemInput } from '../board/plan.ts';
import type { Role } from './db/schema.ts';

export const DEMO_PASSWORD = 'gongjian-demo';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; isAdmin?: boolean }[] = [
	{ username: 'demo-secretary', displayName: '李敏（社区党委书记）', role: 'secretary', isAdmin: true },
	{ username: 'demo-member', displayName: '王建国（市第一人民医院）', role: 'member' },
	{ username: 'demo-member2', displayName: '张丽（幸福里小学）', role: 'member' },
	{ username: 'demo-observer', displayName: '陈刚（春晖街道办事处）', role: 'observer' }
];

/** The resident units (驻区单位) of the sample community; a unit list of their own comes later. */
export const DEMO_UNITS = [
	'市第一人民医院',
	'幸福里小学',
	'安居物业服务有限公司',
	'春晖派出所',
	'华信科技有限公司',
	'暖阳社会工作服务中心',
	'区税务局第二税务所'
];

const PLAN: PlanItemInput[] = [
	{ title: '重阳节敬老义诊', lead: '市第一人民医院', place: '幸福里社区党群服务中心', start: '2026-10-29', end: '2026-10-29', status: 'done' },
	{ title: '“四点半课堂”课后托管', lead: '幸福里小学', place: '社区少儿活动室', start: '2026-11-03', end: '2027-01-15', status: 'active' },
	{ title: '平安社区反诈宣传进楼栋', lead: '春晖派出所', place: '幸福里一区至三区各楼栋', start: '2026-11-10', end: '2026-12-20', status: 'active' },
	{ title: '独居老人“暖心敲门”探访', lead: '暖阳社会工作服务中心', place: '独居老人家中', start: '2026-10-01', end: '2026-12-31', status: 'active' },
	{ title: '老旧小区楼道环境整治', lead: '安居物业服务有限公司', place: '幸福里一区', start: '2026-12-01', end: '2026-12-31', status: 'preparing' },
	{ title: '困难家庭就业技能培训', lead: '华信科技有限公司', place: '华信科技培训中心', start: '2026-12-12', end: '2026-12-13', status: 'preparing' }
];

export async function seedDemo(db: Db) {
	const council = createCouncil(db, { name: '幸福里社区党建联席会', community: '春晖街道幸福里社区' });
	const board = createBoard(db, { councilId: council.id, title: '共驻共建项目计划', period: '2026年第四季度' });
	let secretaryId = '';
	for (const account of DEMO_ACCOUNTS) {
		const user = await createUser(db, { ...account, password: DEMO_PASSWORD });
		setMembership(db, council.id, user.id, account.role);
		if (account.role === 'secretary') secretaryId = user.id;
	}
	writeBoardPlan(db, board.id, PLAN, secretaryId);
	return { council, board };
}

/** Writes plan items into a board's document as one logged update by `userId`. */
export function writeBoardPlan(db: Db, boardId: string, items: PlanItemInput[], userId: string | null) {
	const store = new DocStore(db);
	const room = boardRoom(boardId);
	const stored = store.load(room);
	const doc = replay(new Y.Doc(), stored.updates);
	const before = Y.encodeStateVector(doc);
	for (const item of items) addPlanItem(doc, item);
	const seq = stored.seq;
	store.append([{ room, seq: seq + 1, data: Y.encodeStateAsUpdate(doc, before), userId, createdAt: Date.now() }]);
	doc.destroy();
}
