// What the browser and the server share about a council: the roles a person can have in it and the
// kinds of member unit (驻区单位). The database's columns take their values from here.

/** 书记/秘书, 成员, 单位代表, 列席观察. */
export const ROLES = ['secretary', 'member', 'unit_rep', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** The kinds of member unit: 机关/事业单位, 学校, 医院, 企业, 社会组织, 物业, 其他. */
export const UNIT_KINDS = [
	'agency',
	'school',
	'hospital',
	'company',
	'social',
	'property',
	'other'
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
