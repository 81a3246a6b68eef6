// The sample council of `npm run demo`, as data: an urban community in China, its resident units, one
// representative per unit, and two quarters of its joint-building plan — last quarter's, agreed at
// its meeting and followed up since, and this quarter's, made from it as the next period and filled
// in since, with its meeting coming up. Items name each other by key (`need:fire`, a unit's key);
// seed.ts writes it all through the project's own code and turns keys into ids. Times are the
// council's (UTC+8).
import type { Role, UnitKind } from '../../council.ts';
import type { ItemInput } from '../../board/model/fields.ts';
import type { AGENDA, MEETINGS } from '../../board/model/lists/index.ts';
import type { setAttendance } from '../../board/ydoc/meetings.ts';
import type { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../board/model/lists/index.ts';

/** A need or project named by its key: `need:<key>` or `project:<key>`. */
export type KeyRef = `need:${string}` | `project:${string}`;

export type DemoNeed = ItemInput<typeof NEEDS> & { key: string };

export type DemoProject = ItemInput<typeof PLAN> & {
	key: string;
	/** Units by key: the lead and its partners. */
	leadKey: string;
	partnerKeys: string[];
	needKeys: string[];
};

/** One unit's sheet. */
export interface DemoSheet {
	/** `link`: the need or project the pledge answers; `forProject`: the project whose resources the
	 *  secretary adds it to, once the sheets are written. */
	pledges: (Omit<ItemInput<typeof PLEDGES>, 'link'> & {
		link?: KeyRef;
		forProject?: string;
	})[];
	/** What the unit claims, in its representative's name. */
	claims?: KeyRef[];
	commitments: (ItemInput<typeof COMMITMENTS> & { key?: string; projectKey?: string })[];
}

export interface DemoMeeting {
	/** When the secretary wrote it down. */
	at?: string;
	meeting: ItemInput<typeof MEETINGS>;
	agenda: Omit<ItemInput<typeof AGENDA>, 'meeting'>[];
	/** Representatives who checked in by scanning the code: unit key, name, time of day. */
	checkIns?: [unit: string, who: string, time: string][];
	/** Attendance the secretary set by hand. */
	attendance?: ({ unit: string } & Parameters<typeof setAttendance>[3])[];
	decisions?: { content: string; projectKeys?: string[] }[];
}

/** A change made in follow-up, by a unit (its key) or the secretary (`demo-secretary`), to an item
 *  named by key; or an automatic version taken then. */
export type DemoFollowUp = DemoChange | { version: 'auto'; at: string };

interface DemoChange {
	at: string;
	by: string;
	/** The sheet of this unit (by key), or the board document. */
	sheet?: string;
	list: 'needs' | 'plan' | 'commitments';
	key: string;
	set: Record<string, string>;
	/** Recorded as a follow-up (跟踪) event, at this time. */
	recorded?: { at: string; title: string };
}

export interface DemoQuarter {
	title: string;
	period: string;
	needs: DemoNeed[];
	plan: DemoProject[];
	/** By unit key, in the order they were written. */
	sheets: Record<string, DemoSheet>;
}

export const DEMO_COUNCIL = { name: '幸福里社区党建联席会', community: '春晖街道幸福里社区' };

export const DEMO_PASSWORD = 'gongjian-demo';

export interface DemoUnit {
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

const THIS_QUARTER_NEEDS: DemoNeed[] = [
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

const THIS_QUARTER_PLAN: DemoProject[] = [
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

const THIS_QUARTER_SHEETS: Record<string, DemoSheet> = {
	hospital: {
		pledges: [
			{
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
				title: '学校礼堂（周末）',
				kind: 'venue',
				quantity: 400,
				measure: '㎡',
				availability: '周末全天，需提前一周预约',
				contact: '郑凯',
				state: 'offered',
				link: 'need:culture'
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
				title: '税费政策辅导',
				kind: 'service',
				quantity: 2,
				measure: '场',
				availability: '12 月工作日',
				contact: '杨所长',
				state: 'offered',
				link: 'need:tax'
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
/** This quarter's board, in draft: made from last quarter's, then filled in. */
export const THIS_QUARTER: DemoQuarter & { made: string } = {
	title: '共驻共建项目计划',
	period: '2026年第四季度',
	/** When the secretary made it as last quarter's next period. */
	made: '2026-09-26T10:00:00',
	needs: THIS_QUARTER_NEEDS,
	plan: THIS_QUARTER_PLAN,
	sheets: THIS_QUARTER_SHEETS
};

/** This quarter's meeting, called for and its agenda set, not held yet. */
export const COMING_MEETING: DemoMeeting = {
	meeting: {
		title: '2026年第四季度联席会议',
		date: '2026-12-18',
		time: '14:30–16:30',
		place: '幸福里社区党群服务中心二楼会议室',
		chair: '李敏（社区党委书记）',
		recorder: '张丽'
	},
	agenda: [
		{ title: '通报第三季度项目落实情况和结转事项', presenter: '李敏' },
		{ title: '审议第四季度需求清单和资源清单', presenter: '王建国' },
		{ title: '审议第四季度项目清单，明确牵头和配合单位', presenter: '李敏' },
		{ title: '各成员单位确认本单位承诺', presenter: '各成员单位' },
		{ title: '其他事项', presenter: '' }
	]
};

/** Last quarter's board, the way it went: drafted, saved as 会前草案 before the meeting, confirmed by
 *  most units, agreed (with the reason for the one missing), and followed up since. */
export const LAST_QUARTER: DemoQuarter & {
	/** When the board document and then the sheets were written. */
	drafted: { board: string; sheets: string };
	draft: { label: string; at: string };
	meetingOpens: string;
	/** The units that confirmed their sheets at the meeting, and when. */
	confirmed: { units: string[]; at: string };
	agreed: { label: string; at: string; reason: string };
	trackingFrom: string;
	/** Follow-up since, in order. */
	followUps: DemoFollowUp[];
} = {
	title: '共驻共建项目计划',
	period: '2026年第三季度',
	drafted: { board: '2026-06-18T10:00:00', sheets: '2026-06-20T15:00:00' },
	needs: [
		{
			key: 'summer',
			title: '暑期学生托管',
			category: 'education',
			source: 'grid',
			raisedBy: '第三网格',
			beneficiaries: 45,
			urgency: 'urgent',
			status: 'done'
		},
		{
			key: 'heat',
			title: '高温天气独居老人关怀',
			category: 'elderly',
			source: 'grid',
			raisedBy: '各网格员',
			beneficiaries: 86,
			urgency: 'critical',
			status: 'active'
		},
		{
			key: 'fire',
			title: '楼道堆物占用消防通道',
			category: 'safety',
			source: 'resident',
			raisedBy: '二区居民',
			beneficiaries: 320,
			urgency: 'urgent',
			status: 'claimed'
		},
		{
			key: 'elevator',
			title: '老旧小区加装电梯意愿征集',
			category: 'other',
			source: 'resident',
			raisedBy: '一区 3 幢居民',
			beneficiaries: 60,
			urgency: 'normal'
		}
	],
	plan: [
		{
			key: 'camp',
			title: '“七彩暑假”托管班',
			category: 'education',
			status: 'active',
			leadKey: 'school',
			partnerKeys: ['tech'],
			needKeys: ['summer'],
			start: '2026-07-10',
			end: '2026-08-20',
			place: '幸福里小学',
			beneficiaries: 45
		},
		{
			key: 'heat',
			title: '防暑降温送清凉',
			category: 'elderly',
			status: 'active',
			leadKey: 'social',
			partnerKeys: ['hospital'],
			needKeys: ['heat'],
			start: '2026-07-01',
			end: '2026-09-30',
			place: '各网格',
			beneficiaries: 86
		},
		{
			key: 'fire',
			title: '消防通道清障行动',
			category: 'safety',
			status: 'active',
			leadKey: 'property',
			partnerKeys: ['police'],
			needKeys: ['fire'],
			start: '2026-08-01',
			end: '2026-09-20',
			place: '幸福里二区',
			beneficiaries: 320
		}
	],
	sheets: {
		school: {
			pledges: [
				{
					title: '暑期开放教室',
					kind: 'venue',
					quantity: 2,
					measure: '间',
					availability: '7–8 月工作日',
					contact: '吴老师',
					state: 'delivered',
					link: 'project:camp'
				}
			],
			commitments: [
				{
					content: '暑期托管班开班 30 天',
					responsible: '吴老师',
					due: '2026-08-20',
					status: 'done',
					doneOn: '2026-08-20',
					projectKey: 'camp'
				}
			]
		},
		social: {
			pledges: [
				{
					title: '社工上门送清凉',
					kind: 'service',
					quantity: 86,
					measure: '户',
					availability: '7–9 月',
					contact: '韩主任',
					state: 'delivered',
					link: 'project:heat'
				}
			],
			commitments: [
				{
					key: 'heat',
					content: '高温期间每周探访独居老人',
					responsible: '韩主任',
					due: '2026-09-30',
					status: 'in_progress',
					projectKey: 'heat'
				}
			]
		},
		hospital: {
			pledges: [
				{
					title: '防暑药品',
					kind: 'equipment',
					quantity: 100,
					measure: '份',
					availability: '7 月',
					contact: '周华',
					state: 'delivered',
					link: 'project:heat'
				}
			],
			commitments: [
				{
					content: '为独居老人测量血压',
					responsible: '周华',
					due: '2026-08-31',
					status: 'done',
					doneOn: '2026-09-04',
					projectKey: 'heat'
				}
			]
		},
		property: {
			pledges: [
				{
					title: '清障人员和车辆',
					kind: 'equipment',
					quantity: 4,
					measure: '车次',
					availability: '8–9 月周末',
					contact: '冯经理',
					state: 'confirmed',
					link: 'project:fire'
				}
			],
			commitments: [
				{
					content: '清理二区 12 栋楼道堆物',
					responsible: '冯经理',
					due: '2026-09-20',
					status: 'in_progress',
					projectKey: 'fire',
					notes: '已完成 7 栋，其余 5 栋住户协调中。'
				}
			],
			claims: ['need:fire']
		},
		police: {
			pledges: [],
			commitments: [
				{
					content: '联合物业开展消防安全检查',
					responsible: '陈警官',
					due: '2026-09-20',
					status: 'done',
					doneOn: '2026-09-18',
					projectKey: 'fire'
				}
			]
		}
	},
	draft: { label: '会前草案', at: '2026-06-25T17:30:00' },
	meetingOpens: '2026-06-28T09:00:00',
	confirmed: {
		units: ['school', 'social', 'hospital', 'property', 'police', 'tech'],
		at: '2026-06-28T09:20:00'
	},
	agreed: {
		label: '审议通过 2026/6/28',
		at: '2026-06-28T11:00:00',
		reason: '税务所本季度无项目，会上口头确认'
	},
	trackingFrom: '2026-07-01T08:30:00',
	followUps: [
		{
			at: '2026-08-21T16:00:00',
			by: 'school',
			list: 'plan',
			key: 'camp',
			set: { status: 'done' },
			recorded: { at: '2026-08-21T16:00:00', title: '“七彩暑假”托管班' }
		},
		{ version: 'auto', at: '2026-08-21T16:10:00' },
		// The social work centre reported the summer visits done (the day is the story's, not the day the
		// demo is seeded: the stamp would say today); the secretary closed the need they answered.
		{
			at: '2026-09-29T17:00:00',
			by: 'social',
			sheet: 'social',
			list: 'commitments',
			key: 'heat',
			set: { status: 'done', doneOn: '2026-09-29' },
			recorded: { at: '2026-09-29T17:05:00', title: '高温期间每周探访独居老人' }
		},
		{
			at: '2026-09-29T17:05:00',
			by: 'social',
			list: 'plan',
			key: 'heat',
			set: { status: 'done' },
			recorded: { at: '2026-09-29T17:05:00', title: '防暑降温送清凉' }
		},
		{
			at: '2026-09-30T09:00:00',
			by: 'demo-secretary',
			list: 'needs',
			key: 'heat',
			set: { status: 'done' }
		}
	]
};

/** Last quarter's meeting, recorded by the secretary as it went: who came, who sent apologies, what
 *  it decided. */
export const LAST_MEETING: DemoMeeting = {
	at: '2026-06-28T11:30:00',
	meeting: {
		title: '2026年第三季度联席会议',
		date: '2026-06-28',
		time: '09:00–11:00',
		place: '幸福里社区党群服务中心二楼会议室',
		chair: '李敏（社区党委书记）',
		recorder: '张丽',
		guests: '春晖街道办事处 陈刚\n社区居民代表 3 名',
		summary:
			'会议听取了社区第二季度共建项目完成情况汇报，审议了第三季度需求清单、资源清单和项目清单，各成员单位逐一确认了本单位的资源和承诺。'
	},
	agenda: [
		{ title: '通报第二季度共建项目完成情况', presenter: '李敏', state: 'done' },
		{ title: '各成员单位报告第三季度资源和承诺', presenter: '各成员单位', state: 'done' },
		{ title: '审议第三季度项目清单', presenter: '李敏', state: 'done' },
		{ title: '议定事项和分工', presenter: '李敏', state: 'done' }
	],
	// Most representatives checked in by scanning the code on the screen; the police station's was signed in by hand.
	checkIns: [
		['school', '郑凯', '08:51'],
		['social', '曹琳', '08:53'],
		['hospital', '孙倩', '08:55'],
		['property', '何静', '08:58'],
		['tech', '许然', '09:02']
	],
	attendance: [
		{ unit: 'police', status: 'present', who: '林涛' },
		{ unit: 'tax', status: 'leave', reason: '参加区局业务培训' }
	],
	decisions: [
		{
			content:
				'审议通过《2026年第三季度共驻共建项目清单》，由各牵头单位按清单抓好落实，社区党委每月跟踪一次进度。'
		},
		{
			content:
				'幸福里小学牵头、华信科技配合，7月10日开办“七彩暑假”托管班，解决双职工家庭孩子暑期看护问题。',
			projectKeys: ['camp']
		},
		{
			content:
				'暖阳社会工作服务中心牵头、市第一人民医院配合，高温期间每周探访独居老人，开展防暑降温送清凉活动。',
			projectKeys: ['heat']
		}
	]
};
