// A realistic sample council for `npm run demo`: an urban community in China, its resident units,
// one representative per unit; last quarter's board, agreed at its meeting (agenda, check-in,
// attendance, decisions) and followed up since, with its versions and record; and this quarter's,
// made from it as the next period (what was left open carried over) and filled in since, in draft,
// whose needs, pledges, claims, plan and commitments show the whole planning flow, with its meeting
// coming up. Written through the project's own code.
import * as Y from 'yjs';
import type { Db } from './db/index.ts';
import type { Role, UnitKind } from './db/schema.ts';
import { createUser } from './accounts.ts';
import { createBoard, createCouncil, setMembership } from './councils.ts';
import { createUnit } from './units.ts';
import { DocStore } from './sync/storage.ts';
import { storedDocuments } from './docs/stored.ts';
import type { BoardDocuments } from './docs/documents.ts';
import { boardRoom, meetingsRoom, unitRoom } from './sync/rooms.ts';
import { AGENDA, DECISIONS, MEETINGS, checkIn, setAttendance } from '../board/meetings.ts';
import { addItem, setField, toggleRef, type ItemInput } from '../board/list.ts';
import { eq } from 'drizzle-orm';
import { boards, confirmations } from './db/schema.ts';
import type { BoardStatus } from '../board/status.ts';
import { recordEvent } from './events.ts';
import { takeVersion } from './versions.ts';
import { createNextBoard } from './next-period.ts';
import { readBoardContent } from './docs/board-content.ts';
import { setDoneDay } from './figures.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES, claim } from '../board/lists.ts';
import { pledgeRef } from '../board/matching.ts';

export const DEMO_PASSWORD = 'gongjian-demo';

interface DemoUnit {
	key: string;
	name: string;
	kind: UnitKind;
	contactName: string;
	contactPhone: string;
	liaison: string;
	rep: string;
}

/** The resident units (驻区单位) of the sample community, each with its representative. */
export const DEMO_UNITS: DemoUnit[] = [
	{
		key: 'hospital',
		name: '市第一人民医院',
		kind: 'hospital',
		contactName: '周华',
		contactPhone: '0571-8800 1200',
		liaison: '孙倩',
		rep: '孙倩（市第一人民医院）'
	},
	{
		key: 'school',
		name: '幸福里小学',
		kind: 'school',
		contactName: '吴老师',
		contactPhone: '0571-8800 2300',
		liaison: '郑凯',
		rep: '郑凯（幸福里小学）'
	},
	{
		key: 'property',
		name: '安居物业服务有限公司',
		kind: 'property',
		contactName: '冯经理',
		contactPhone: '138 0000 1122',
		liaison: '何静',
		rep: '何静（安居物业）'
	},
	{
		key: 'police',
		name: '春晖派出所',
		kind: 'agency',
		contactName: '陈警官',
		contactPhone: '0571-8800 3110',
		liaison: '林涛',
		rep: '林涛（春晖派出所）'
	},
	{
		key: 'tech',
		name: '华信科技有限公司',
		kind: 'company',
		contactName: '黄总',
		contactPhone: '0571-8800 4500',
		liaison: '许然',
		rep: '许然（华信科技）'
	},
	{
		key: 'social',
		name: '暖阳社会工作服务中心',
		kind: 'social',
		contactName: '韩主任',
		contactPhone: '0571-8800 5600',
		liaison: '曹琳',
		rep: '曹琳（暖阳社工）'
	},
	{
		key: 'tax',
		name: '区税务局第二税务所',
		kind: 'agency',
		contactName: '杨所长',
		contactPhone: '0571-8800 6700',
		liaison: '彭宇',
		rep: '彭宇（区税务二所）'
	}
];

export const DEMO_ACCOUNTS: {
	username: string;
	displayName: string;
	role: Role;
	unit?: string;
	isAdmin?: boolean;
}[] = [
	{
		username: 'demo-secretary',
		displayName: '李敏（社区党委书记）',
		role: 'secretary',
		isAdmin: true
	},
	{ username: 'demo-member', displayName: '王建国（社区居委会）', role: 'member' },
	{ username: 'demo-member2', displayName: '张丽（网格员）', role: 'member' },
	{ username: 'demo-observer', displayName: '陈刚（春晖街道办事处）', role: 'observer' },
	...DEMO_UNITS.map((unit, i) => ({
		username: `demo-rep${i + 1}`,
		displayName: unit.rep,
		role: 'unit_rep' as const,
		unit: unit.key
	}))
];

type Key = string;

const DEMO_NEEDS: (ItemInput<typeof NEEDS> & { key: string })[] = [
	{
		key: 'health',
		title: '老年人常见病筛查与健康咨询',
		category: 'health',
		source: 'resident',
		raisedBy: '幸福里一区居民',
		beneficiaries: 300,
		urgency: 'urgent',
		details: '辖区 60 岁以上老人约 1,200 人，慢病管理需求集中，希望每季度有医生进社区。'
	},
	{
		key: 'afterschool',
		title: '双职工家庭孩子放学后无人看护',
		category: 'education',
		source: 'grid',
		raisedBy: '第三网格',
		beneficiaries: 60,
		urgency: 'urgent',
		details: '下午 3:30 至 6:00 之间约 60 名小学生无人接送看护。'
	},
	{
		key: 'fraud',
		title: '老年人电信诈骗防范',
		category: 'safety',
		source: 'resident',
		raisedBy: '居民代表议事会',
		beneficiaries: 800,
		urgency: 'normal'
	},
	{
		key: 'lonely',
		title: '独居老人定期探访',
		category: 'elderly',
		source: 'grid',
		raisedBy: '各网格员',
		beneficiaries: 86,
		urgency: 'critical',
		details: '86 位独居老人，其中 12 位行动不便。'
	},
	{
		key: 'stairs',
		title: '老旧楼道杂物堆放与照明',
		category: 'environment',
		source: 'resident',
		raisedBy: '一区 5 幢居民',
		beneficiaries: 240,
		urgency: 'normal'
	},
	{
		key: 'jobs',
		title: '困难家庭成员就业技能培训',
		category: 'employment',
		source: 'unit',
		raisedBy: '社区居委会',
		beneficiaries: 25,
		urgency: 'normal'
	},
	{
		key: 'tax',
		title: '个体工商户税费政策辅导',
		category: 'legal',
		source: 'unit',
		raisedBy: '商户联合会',
		beneficiaries: 40,
		urgency: 'normal'
	},
	{
		key: 'culture',
		title: '社区春节文艺汇演场地',
		category: 'culture',
		source: 'resident',
		raisedBy: '社区文艺队',
		beneficiaries: 500,
		urgency: 'normal'
	}
];

const DEMO_PLAN: (ItemInput<typeof PLAN> & {
	key: string;
	leadKey: Key;
	partnerKeys: Key[];
	needKeys: string[];
})[] = [
	{
		key: 'clinic',
		title: '重阳节敬老义诊',
		category: 'health',
		leadKey: 'hospital',
		partnerKeys: ['social'],
		needKeys: ['health'],
		place: '幸福里社区党群服务中心',
		start: '2026-10-29',
		end: '2026-10-29',
		beneficiaries: 150,
		status: 'done'
	},
	{
		key: 'class',
		title: '“四点半课堂”课后托管',
		category: 'education',
		leadKey: 'school',
		partnerKeys: ['tech'],
		needKeys: ['afterschool'],
		place: '社区少儿活动室',
		start: '2026-11-03',
		end: '2027-01-15',
		beneficiaries: 60,
		status: 'active'
	},
	{
		key: 'fraud',
		title: '平安社区反诈宣传进楼栋',
		category: 'safety',
		leadKey: 'police',
		partnerKeys: ['property'],
		needKeys: ['fraud'],
		place: '幸福里一区至三区各楼栋',
		start: '2026-11-10',
		end: '2026-12-20',
		beneficiaries: 800,
		status: 'active'
	},
	{
		key: 'visit',
		title: '独居老人“暖心敲门”探访',
		category: 'elderly',
		leadKey: 'social',
		partnerKeys: ['hospital', 'property'],
		needKeys: ['lonely'],
		place: '独居老人家中',
		start: '2026-10-01',
		end: '2026-12-31',
		beneficiaries: 86,
		status: 'active'
	},
	{
		key: 'stairs',
		title: '老旧小区楼道环境整治',
		category: 'environment',
		leadKey: 'property',
		partnerKeys: [],
		needKeys: ['stairs'],
		place: '幸福里一区',
		start: '2026-12-01',
		end: '2026-12-31',
		beneficiaries: 240,
		status: 'preparing'
	},
	{
		key: 'training',
		title: '困难家庭就业技能培训',
		category: 'employment',
		leadKey: 'tech',
		partnerKeys: ['tax'],
		needKeys: ['jobs'],
		place: '华信科技培训中心',
		start: '2026-12-12',
		end: '2026-12-13',
		beneficiaries: 25,
		status: 'preparing'
	}
];

interface SheetSeed {
	pledges: (ItemInput<typeof PLEDGES> & { key: string; forProject?: string; forNeed?: string })[];
	claims: string[];
	commitments: (ItemInput<typeof COMMITMENTS> & { projectKey?: string })[];
}

const SHEETS: Record<string, SheetSeed> = {
	hospital: {
		pledges: [
			{
				key: 'doctors',
				title: '全科及慢病专科医生义诊',
				kind: 'service',
				quantity: 4,
				measure: '次',
				availability: '每季度一次，周六上午',
				contact: '周华 0571-8800 1200',
				state: 'confirmed',
				forProject: 'clinic'
			},
			{
				key: 'checks',
				title: '血压血糖免费检测',
				kind: 'service',
				quantity: 300,
				measure: '人次',
				availability: '义诊当天',
				contact: '周华',
				state: 'delivered',
				forProject: 'clinic'
			},
			{
				key: 'lecture',
				title: '健康知识讲座',
				kind: 'service',
				quantity: 2,
				measure: '场',
				availability: '2027 年 1 月',
				contact: '孙倩',
				state: 'offered'
			}
		],
		claims: ['need:health'],
		commitments: [
			{
				content: '每季度开展一次进社区义诊',
				responsible: '周华',
				due: '2026-12-31',
				status: 'in_progress',
				projectKey: 'clinic',
				notes: '10 月 29 日重阳节义诊已完成，服务 152 人次。'
			},
			{
				content: '为独居老人建立健康档案',
				responsible: '孙倩',
				due: '2026-11-15',
				status: 'in_progress',
				projectKey: 'visit'
			}
		]
	},
	school: {
		pledges: [
			{
				key: 'teachers',
				title: '教师志愿者辅导作业',
				kind: 'volunteers',
				quantity: 8,
				measure: '人',
				availability: '周一至周五 15:30–17:30',
				contact: '吴老师',
				state: 'confirmed',
				forProject: 'class'
			},
			{
				key: 'hall',
				title: '学校礼堂（周末）',
				kind: 'venue',
				quantity: 400,
				measure: '㎡',
				availability: '周末全天，需提前一周预约',
				contact: '郑凯',
				state: 'offered',
				forNeed: 'culture'
			}
		],
		claims: ['need:afterschool', 'project:class'],
		commitments: [
			{
				content: '“四点半课堂”每周开放五天',
				responsible: '吴老师',
				due: '2027-01-15',
				status: 'in_progress',
				projectKey: 'class'
			}
		]
	},
	property: {
		pledges: [
			{
				key: 'cleanup',
				title: '楼道清理人员与车辆',
				kind: 'equipment',
				quantity: 2,
				measure: '车次',
				availability: '12 月每周六',
				contact: '冯经理',
				state: 'offered',
				forProject: 'stairs'
			},
			{
				key: 'lights',
				title: '感应灯更换',
				kind: 'equipment',
				quantity: 120,
				measure: '盏',
				availability: '12 月',
				contact: '冯经理',
				state: 'offered',
				forProject: 'stairs'
			}
		],
		claims: ['need:stairs', 'project:stairs'],
		commitments: [
			{
				content: '12 月底前完成一区楼道整治',
				responsible: '冯经理',
				due: '2026-12-31',
				status: 'not_started',
				projectKey: 'stairs'
			}
		]
	},
	police: {
		pledges: [
			{
				key: 'talks',
				title: '反诈宣讲民警',
				kind: 'service',
				quantity: 6,
				measure: '场',
				availability: '11–12 月晚间',
				contact: '陈警官',
				state: 'confirmed',
				forProject: 'fraud'
			}
		],
		claims: ['need:fraud'],
		commitments: [
			{
				content: '每个楼栋至少宣讲一次',
				responsible: '陈警官',
				due: '2026-12-20',
				status: 'in_progress',
				projectKey: 'fraud'
			}
		]
	},
	tech: {
		pledges: [
			{
				key: 'funds',
				title: '培训专项资金',
				kind: 'funds',
				quantity: 20000,
				measure: '元',
				availability: '2026 年 12 月',
				contact: '黄总',
				state: 'confirmed',
				forProject: 'training'
			},
			{
				key: 'volunteers',
				title: '程序员志愿者',
				kind: 'volunteers',
				quantity: 5,
				measure: '人',
				availability: '周三下午',
				contact: '许然',
				state: 'offered'
			}
		],
		claims: ['project:training'],
		commitments: [
			{
				content: '举办两期就业技能培训班',
				responsible: '黄总',
				due: '2026-12-13',
				status: 'not_started',
				projectKey: 'training'
			}
		]
	},
	social: {
		pledges: [
			{
				key: 'workers',
				title: '社工上门探访',
				kind: 'service',
				quantity: 86,
				measure: '户',
				availability: '每月一次',
				contact: '韩主任',
				state: 'delivered',
				forProject: 'visit'
			}
		],
		claims: ['need:lonely', 'project:visit'],
		commitments: [
			{
				content: '每月探访全部独居老人并记录',
				responsible: '韩主任',
				due: '2026-12-31',
				status: 'in_progress',
				projectKey: 'visit',
				notes: '10 月、11 月探访已完成。'
			},
			{
				content: '提交第三季度探访报告',
				responsible: '曹琳',
				due: '2026-10-31',
				status: 'done',
				doneOn: '2026-10-28'
			}
		]
	},
	tax: {
		pledges: [
			{
				key: 'advice',
				title: '税费政策辅导',
				kind: 'service',
				quantity: 2,
				measure: '场',
				availability: '12 月工作日',
				contact: '杨所长',
				state: 'offered',
				forNeed: 'tax'
			}
		],
		claims: ['need:tax'],
		commitments: [
			{
				content: '为个体工商户开展税费辅导',
				responsible: '彭宇',
				due: '2026-11-20',
				status: 'not_started'
			}
		]
	}
};

export async function seedDemo(db: Db) {
	const council = createCouncil(db, {
		name: '幸福里社区党建联席会',
		community: '春晖街道幸福里社区'
	});
	const unitIds = new Map<string, string>();
	for (const { key, rep: _rep, ...unit } of DEMO_UNITS)
		unitIds.set(key, createUnit(db, council.id, unit).id);

	const people = new Map<string, string>();
	for (const account of DEMO_ACCOUNTS) {
		const user = await createUser(db, { ...account, password: DEMO_PASSWORD });
		setMembership(
			db,
			council.id,
			user.id,
			account.role,
			account.unit ? unitIds.get(account.unit)! : null
		);
		people.set(account.unit ?? account.username, user.id);
	}
	const secretary = people.get('demo-secretary')!;
	const lastQuarter = seedLastQuarter(db, council.id, unitIds, people);

	// This quarter's board, made from last quarter's as its next period: what was still open there comes first.
	const made = createNextBoard(
		storage(db, at('2026-09-26T10:00:00').getTime()),
		{
			id: lastQuarter.board.id,
			councilId: council.id,
			title: lastQuarter.board.title,
			period: lastQuarter.board.period
		},
		{ title: '共驻共建项目计划', period: '2026年第四季度' },
		secretary,
		at('2026-09-26T10:00:00')
	);
	if (!made.ok) throw new Error('the demo council already has a next period');
	const board = {
		id: made.boardId,
		councilId: council.id,
		title: '共驻共建项目计划',
		period: '2026年第四季度'
	};

	// The board document first (needs and plan), so that sheets can link to its items.
	const needIds = new Map<string, string>();
	const projectIds = new Map<string, string>();
	const pledgeRefs = new Map<string, { project?: string; ref: string }>();
	writeDocument(db, boardRoom(board.id), secretary, (doc) => {
		for (const { key, ...need } of DEMO_NEEDS) needIds.set(key, addItem(doc, NEEDS, need));
		for (const { key, leadKey, partnerKeys, needKeys, ...item } of DEMO_PLAN) {
			const id = addItem(doc, PLAN, {
				...item,
				lead: unitIds.get(leadKey),
				partners: partnerKeys.map((k) => unitIds.get(k)!),
				needs: needKeys.map((k) => needIds.get(k)!)
			});
			projectIds.set(key, id);
		}
	});
	for (const unit of DEMO_UNITS) {
		const unitId = unitIds.get(unit.key)!;
		const seedSheet = SHEETS[unit.key]!;
		writeDocument(db, unitRoom(board.id, unitId), people.get(unit.key)!, (doc) => {
			for (const { key, forProject, forNeed, ...pledge } of seedSheet.pledges) {
				const link = forNeed ? `need:${needIds.get(forNeed)}` : '';
				const id = addItem(doc, PLEDGES, { ...pledge, link });
				pledgeRefs.set(`${unit.key}/${key}`, { project: forProject, ref: pledgeRef(unitId, id) });
			}
			for (const target of seedSheet.claims) {
				const [kind, key] = target.split(':') as ['need' | 'project', string];
				claim(doc, { kind, id: (kind === 'need' ? needIds : projectIds).get(key)! }, unit.rep);
			}
			for (const { projectKey, ...commitment } of seedSheet.commitments) {
				addItem(doc, COMMITMENTS, {
					...commitment,
					project: projectKey ? projectIds.get(projectKey) : ''
				});
			}
		});
	}
	// The secretary links the pledged resources to the projects they serve.
	writeDocument(db, boardRoom(board.id), secretary, (doc) => {
		for (const { project, ref } of pledgeRefs.values())
			if (project) toggleRef(doc, PLAN, projectIds.get(project)!, 'pledges', ref, true);
	});
	seedComingMeeting(db, board.id, secretary);
	for (const ref of [lastQuarter.board, board])
		recordStoryDoneDays(db, { id: ref.id, councilId: council.id });
	return { council, board, lastQuarter, unitIds };
}

/**
 * The demo is written in one go, now, but tells of a quarter gone by: the server's done day of each
 * done commitment is the day the story gives it (its `doneOn`), recorded before any reading of the
 * log could date it today. Only the demo does this, as its own server-made story.
 */
function recordStoryDoneDays(db: Db, board: { id: string; councilId: string }) {
	for (const sheet of readBoardContent(storage(db), board).sheets) {
		for (const c of sheet.commitments)
			if (c.status === 'done' && c.doneOn)
				setDoneDay(
					db,
					{ boardId: board.id, unitId: sheet.unit.id, itemId: c.id },
					c.doneOn,
					'change',
					null
				);
	}
}

/** This quarter's meeting, called for and its agenda set, not held yet. */
function seedComingMeeting(db: Db, boardId: string, secretary: string) {
	writeDocument(db, meetingsRoom(boardId), secretary, (doc) => {
		const meeting = addItem(doc, MEETINGS, {
			title: '2026年第四季度联席会议',
			date: '2026-12-18',
			time: '14:30–16:30',
			place: '幸福里社区党群服务中心二楼会议室',
			chair: '李敏（社区党委书记）',
			recorder: '张丽'
		});
		for (const [title, presenter] of [
			['通报第三季度项目落实情况和结转事项', '李敏'],
			['审议第四季度需求清单和资源清单', '王建国'],
			['审议第四季度项目清单，明确牵头和配合单位', '李敏'],
			['各成员单位确认本单位承诺', '各成员单位'],
			['其他事项', '']
		])
			addItem(doc, AGENDA, { meeting, title, presenter });
	});
}

/** The documents as stored, read and written without a sync server (nothing runs while seeding);
 *  a change is logged at `at`, the story's time. */
function storage(db: Db, at = Date.now()): BoardDocuments {
	return { db, docs: storedDocuments(new DocStore(db), () => at) };
}

const at = (iso: string) => new Date(`${iso}+08:00`);

/**
 * Last quarter's board, the way it went: drafted, saved as 会前草案 before the meeting, confirmed by
 * most units, agreed (with the reason for the one missing), and followed up since.
 */
function seedLastQuarter(
	db: Db,
	councilId: string,
	unitIds: Map<string, string>,
	people: Map<string, string>
) {
	const board = createBoard(db, { councilId, title: '共驻共建项目计划', period: '2026年第三季度' });
	const ref = { id: board.id, councilId };
	const secretary = people.get('demo-secretary')!;
	const where = { councilId, boardId: board.id };
	const projects = new Map<string, string>();
	const needs = new Map<string, string>();
	writeDocument(
		db,
		boardRoom(board.id),
		secretary,
		(doc) => {
			const summer = addItem(doc, NEEDS, {
				title: '暑期学生托管',
				category: 'education',
				source: 'grid',
				raisedBy: '第三网格',
				beneficiaries: 45,
				urgency: 'urgent',
				status: 'done'
			});
			const heat = addItem(doc, NEEDS, {
				title: '高温天气独居老人关怀',
				category: 'elderly',
				source: 'grid',
				raisedBy: '各网格员',
				beneficiaries: 86,
				urgency: 'critical',
				status: 'active'
			});
			const fire = addItem(doc, NEEDS, {
				title: '楼道堆物占用消防通道',
				category: 'safety',
				source: 'resident',
				raisedBy: '二区居民',
				beneficiaries: 320,
				urgency: 'urgent',
				status: 'claimed'
			});
			needs.set('heat', heat);
			needs.set('fire', fire);
			addItem(doc, NEEDS, {
				title: '老旧小区加装电梯意愿征集',
				category: 'other',
				source: 'resident',
				raisedBy: '一区 3 幢居民',
				beneficiaries: 60,
				urgency: 'normal'
			});
			projects.set(
				'camp',
				addItem(doc, PLAN, {
					title: '“七彩暑假”托管班',
					category: 'education',
					status: 'active',
					lead: unitIds.get('school'),
					partners: [unitIds.get('tech')!],
					needs: [summer],
					start: '2026-07-10',
					end: '2026-08-20',
					place: '幸福里小学',
					beneficiaries: 45
				})
			);
			projects.set(
				'heat',
				addItem(doc, PLAN, {
					title: '防暑降温送清凉',
					category: 'elderly',
					status: 'active',
					lead: unitIds.get('social'),
					partners: [unitIds.get('hospital')!],
					needs: [heat],
					start: '2026-07-01',
					end: '2026-09-30',
					place: '各网格',
					beneficiaries: 86
				})
			);
			projects.set(
				'fire',
				addItem(doc, PLAN, {
					title: '消防通道清障行动',
					category: 'safety',
					status: 'active',
					lead: unitIds.get('property'),
					partners: [unitIds.get('police')!],
					needs: [fire],
					start: '2026-08-01',
					end: '2026-09-20',
					place: '幸福里二区',
					beneficiaries: 320
				})
			);
		},
		at('2026-06-18T10:00:00').getTime()
	);
	const commitments = new Map<string, string>();
	const sheets: [string, (doc: Y.Doc) => void][] = [
		[
			'school',
			(doc) => {
				addItem(doc, PLEDGES, {
					title: '暑期开放教室',
					kind: 'venue',
					quantity: 2,
					measure: '间',
					availability: '7–8 月工作日',
					contact: '吴老师',
					state: 'delivered',
					link: `project:${projects.get('camp')}`
				});
				addItem(doc, COMMITMENTS, {
					content: '暑期托管班开班 30 天',
					responsible: '吴老师',
					due: '2026-08-20',
					status: 'done',
					doneOn: '2026-08-20',
					project: projects.get('camp')
				});
			}
		],
		[
			'social',
			(doc) => {
				addItem(doc, PLEDGES, {
					title: '社工上门送清凉',
					kind: 'service',
					quantity: 86,
					measure: '户',
					availability: '7–9 月',
					contact: '韩主任',
					state: 'delivered',
					link: `project:${projects.get('heat')}`
				});
				commitments.set(
					'heat',
					addItem(doc, COMMITMENTS, {
						content: '高温期间每周探访独居老人',
						responsible: '韩主任',
						due: '2026-09-30',
						status: 'in_progress',
						project: projects.get('heat')
					})
				);
			}
		],
		[
			'hospital',
			(doc) => {
				addItem(doc, PLEDGES, {
					title: '防暑药品',
					kind: 'equipment',
					quantity: 100,
					measure: '份',
					availability: '7 月',
					contact: '周华',
					state: 'delivered',
					link: `project:${projects.get('heat')}`
				});
				addItem(doc, COMMITMENTS, {
					content: '为独居老人测量血压',
					responsible: '周华',
					due: '2026-08-31',
					status: 'done',
					doneOn: '2026-09-04',
					project: projects.get('heat')
				});
			}
		],
		[
			'property',
			(doc) => {
				addItem(doc, PLEDGES, {
					title: '清障人员和车辆',
					kind: 'equipment',
					quantity: 4,
					measure: '车次',
					availability: '8–9 月周末',
					contact: '冯经理',
					state: 'confirmed',
					link: `project:${projects.get('fire')}`
				});
				addItem(doc, COMMITMENTS, {
					content: '清理二区 12 栋楼道堆物',
					responsible: '冯经理',
					due: '2026-09-20',
					status: 'in_progress',
					project: projects.get('fire'),
					notes: '已完成 7 栋，其余 5 栋住户协调中。'
				});
				claim(doc, { kind: 'need', id: needs.get('fire')! }, '何静（安居物业）');
			}
		],
		[
			'police',
			(doc) => {
				addItem(doc, COMMITMENTS, {
					content: '联合物业开展消防安全检查',
					responsible: '陈警官',
					due: '2026-09-20',
					status: 'done',
					doneOn: '2026-09-18',
					project: projects.get('fire')
				});
			}
		]
	];
	for (const [key, fill] of sheets)
		writeDocument(
			db,
			unitRoom(board.id, unitIds.get(key)!),
			people.get(key)!,
			fill,
			at('2026-06-20T15:00:00').getTime()
		);

	// Versions read the documents straight from storage (no sync server runs while seeding).
	const source = storage(db);
	const draft = takeVersion(
		source,
		ref,
		{ label: '会前草案', kind: 'manual', authorId: secretary },
		at('2026-06-25T17:30:00')
	);
	recordEvent(
		db,
		where,
		secretary,
		{ type: 'version', versionId: draft.id, label: draft.label, kind: 'manual' },
		draft.createdAt
	);
	const moveTo = (
		status: BoardStatus,
		from: BoardStatus,
		when: Date,
		extra: { reason?: string; unconfirmed?: string[] } = {}
	) => {
		db.update(boards).set({ status }).where(eq(boards.id, board.id)).run();
		recordEvent(db, where, secretary, { type: 'status', from, to: status, ...extra }, when);
	};
	moveTo('meeting', 'draft', at('2026-06-28T09:00:00'));
	for (const key of ['school', 'social', 'hospital', 'property', 'police', 'tech']) {
		const unitId = unitIds.get(key)!;
		const when = at('2026-06-28T09:20:00');
		db.insert(confirmations)
			.values({ boardId: board.id, unitId, userId: people.get(key)!, createdAt: when })
			.run();
		recordEvent(
			db,
			where,
			people.get(key)!,
			{ type: 'confirm', unitId, unitName: DEMO_UNITS.find((u) => u.key === key)!.name },
			when
		);
	}
	// The meeting itself, recorded by the secretary as it went: who came, who sent apologies, what it decided.
	writeDocument(
		db,
		meetingsRoom(board.id),
		secretary,
		(doc) => {
			const meeting = addItem(doc, MEETINGS, {
				title: '2026年第三季度联席会议',
				date: '2026-06-28',
				time: '09:00–11:00',
				place: '幸福里社区党群服务中心二楼会议室',
				chair: '李敏（社区党委书记）',
				recorder: '张丽',
				guests: '春晖街道办事处 陈刚\n社区居民代表 3 名',
				summary:
					'会议听取了社区第二季度共建项目完成情况汇报，审议了第三季度需求清单、资源清单和项目清单，各成员单位逐一确认了本单位的资源和承诺。'
			});
			for (const [title, presenter] of [
				['通报第二季度共建项目完成情况', '李敏'],
				['各成员单位报告第三季度资源和承诺', '各成员单位'],
				['审议第三季度项目清单', '李敏'],
				['议定事项和分工', '李敏']
			])
				addItem(doc, AGENDA, { meeting, title, presenter, state: 'done' });
			// Most representatives checked in by scanning the code on the screen; the police station's was signed in by hand.
			const checkedIn: [string, string, string][] = [
				['school', '郑凯', '08:51'],
				['social', '曹琳', '08:53'],
				['hospital', '孙倩', '08:55'],
				['property', '何静', '08:58'],
				['tech', '许然', '09:02']
			];
			for (const [key, who, time] of checkedIn)
				checkIn(doc, meeting, unitIds.get(key)!, who, at(`2026-06-28T${time}:00`));
			setAttendance(doc, meeting, unitIds.get('police')!, { status: 'present', who: '林涛' });
			setAttendance(doc, meeting, unitIds.get('tax')!, {
				status: 'leave',
				reason: '参加区局业务培训'
			});
			addItem(doc, DECISIONS, {
				meeting,
				content:
					'审议通过《2026年第三季度共驻共建项目清单》，由各牵头单位按清单抓好落实，社区党委每月跟踪一次进度。'
			});
			addItem(doc, DECISIONS, {
				meeting,
				content:
					'幸福里小学牵头、华信科技配合，7月10日开办“七彩暑假”托管班，解决双职工家庭孩子暑期看护问题。',
				projects: [projects.get('camp')!]
			});
			addItem(doc, DECISIONS, {
				meeting,
				content:
					'暖阳社会工作服务中心牵头、市第一人民医院配合，高温期间每周探访独居老人，开展防暑降温送清凉活动。',
				projects: [projects.get('heat')!]
			});
		},
		at('2026-06-28T11:30:00').getTime()
	);
	const agreed = takeVersion(
		source,
		ref,
		{ label: '审议通过 2026/6/28', kind: 'agreed', authorId: secretary },
		at('2026-06-28T11:00:00')
	);
	recordEvent(
		db,
		where,
		secretary,
		{ type: 'version', versionId: agreed.id, label: agreed.label, kind: 'agreed' },
		agreed.createdAt
	);
	moveTo('agreed', 'meeting', agreed.createdAt, {
		reason: '税务所本季度无项目，会上口头确认',
		unconfirmed: ['区税务局第二税务所']
	});
	moveTo('tracking', 'agreed', at('2026-07-01T08:30:00'));
	// Follow-up since, through the server as a representative would report it.
	writeDocument(
		db,
		boardRoom(board.id),
		people.get('school')!,
		(doc) => setField(doc, PLAN, projects.get('camp')!, 'status', 'done'),
		at('2026-08-21T16:00:00').getTime()
	);
	recordEvent(
		db,
		where,
		people.get('school')!,
		{
			type: 'tracking',
			room: boardRoom(board.id),
			list: 'plan',
			itemId: projects.get('camp')!,
			title: '“七彩暑假”托管班',
			field: 'status',
			value: 'done'
		},
		at('2026-08-21T16:00:00')
	);
	const auto = takeVersion(
		source,
		ref,
		{ label: 'auto', kind: 'auto', authorId: null },
		at('2026-08-21T16:10:00')
	);
	// The social work centre reported the summer visits done; the secretary closed the need they answered.
	writeDocument(
		db,
		unitRoom(board.id, unitIds.get('social')!),
		people.get('social')!,
		(doc) => {
			// The day it was done is the story's, not the day the demo is seeded (the stamp would say today).
			setField(doc, COMMITMENTS, commitments.get('heat')!, 'status', 'done');
			setField(doc, COMMITMENTS, commitments.get('heat')!, 'doneOn', '2026-09-29');
		},
		at('2026-09-29T17:00:00').getTime()
	);
	writeDocument(
		db,
		boardRoom(board.id),
		people.get('social')!,
		(doc) => setField(doc, PLAN, projects.get('heat')!, 'status', 'done'),
		at('2026-09-29T17:05:00').getTime()
	);
	writeDocument(
		db,
		boardRoom(board.id),
		secretary,
		(doc) => setField(doc, NEEDS, needs.get('heat')!, 'status', 'done'),
		at('2026-09-30T09:00:00').getTime()
	);
	for (const [who, list, itemId, title, room] of [
		[
			'social',
			'commitments',
			commitments.get('heat')!,
			'高温期间每周探访独居老人',
			unitRoom(board.id, unitIds.get('social')!)
		],
		['social', 'plan', projects.get('heat')!, '防暑降温送清凉', boardRoom(board.id)]
	] as const) {
		recordEvent(
			db,
			where,
			people.get(who)!,
			{ type: 'tracking', room, list, itemId, title, field: 'status', value: 'done' },
			at('2026-09-29T17:05:00')
		);
	}
	return { board, versions: [draft, agreed, auto] };
}

/** Changes a room's document as one logged update by `userId` at `at`, as the sync server would. */
function writeDocument(
	db: Db,
	room: string,
	userId: string | null,
	change: (doc: Y.Doc) => void,
	at = Date.now()
) {
	storage(db, at).docs.change(room, userId, change);
}
