// What the browser and the server share about notifications (通知): their kinds, what each points
// to, what its words are filled with, and how it reads in either language. The server stores them
// (server/notify/notifications.ts) with the raw values (an item's title, a unit's name, a date as
// YYYY-MM-DD, a board status), never the sentence: each reader sees it in their own language, the
// notification centre and an email alike, from `notificationText`.
import {
	formatDate,
	type Locale,
	type MessageParams,
	type Translate,
	type WordsOf
} from './i18n/index.ts';
import type { zhCN } from './i18n/zh-CN.ts';
import { BOARD_STATUSES, type BoardStatus } from './board/model/status.ts';
import type { ListKey } from './board/model/lists/index.ts';

/** 被提及, 回复, 本单位事项有新评论, 需求被认领, 资源关联到项目, 计划状态变化, 承诺即将到期,
 *  承诺已逾期, 本单位尚未确认清单, 明天开会. */
export const NOTIFICATION_KINDS = [
	'mention',
	'reply',
	'comment-on-my-unit',
	'need-claimed',
	'pledge-linked',
	'plan-status',
	'commitment-due',
	'commitment-overdue',
	'unit-unconfirmed',
	'meeting-tomorrow'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification opens: an item of one of the plan's lists (a sheet's item names its unit),
 *  a meeting, or the board itself. */
export type NotificationTarget =
	| { kind: 'item'; list: ListKey; itemId: string; unitId?: string }
	| { kind: 'meeting'; meetingId: string }
	| { kind: 'board' };

/** What a kind's words are filled with, typed from its Chinese text (`notification.<kind>`). */
export type NotificationParams<K extends NotificationKind> = MessageParams<
	(typeof zhCN)[`notification.${K}`]
>;

/** The values a stored notification carries, as read back (any kind). */
export type StoredParams = Record<string, string | number>;

/** The params a message fills that are dates (YYYY-MM-DD), shown in the reader's format. */
const DATE_PARAMS = new Set(['date']);

/** The sentence a notification reads as, in `locale`. */
export function notificationText(
	t: Translate,
	locale: Locale,
	notification: { kind: NotificationKind; params: StoredParams }
): string {
	const { kind, params } = notification;
	const filled: StoredParams = {};
	for (const [name, value] of Object.entries(params))
		filled[name] =
			DATE_PARAMS.has(name) && typeof value === 'string' ? formatDate(locale, value) : value;
	if (kind === 'plan-status' && isBoardStatus(params.status))
		filled.status = t(`boardStatus.${params.status}`);
	if (kind === 'meeting-tomorrow') {
		if (!params.time) filled.time = t('notification.timeUnknown');
		if (!params.place) filled.place = t('notification.placeUnknown');
	}
	// On the day itself "0 days left" says it badly.
	const key: WordsOf<'notification'> =
		kind === 'commitment-due' && params.days === 0 ? 'commitment-due.today' : kind;
	return t(`notification.${key}`, filled);
}

function isBoardStatus(value: unknown): value is BoardStatus {
	return (BOARD_STATUSES as readonly unknown[]).includes(value);
}

/** Where a notification takes its reader: the board, at the item or meeting it is about (the
 *  board page finds it by the hash). */
export function notificationHref(notification: {
	boardId: string;
	target: NotificationTarget;
}): `/boards/${string}` {
	const { boardId, target } = notification;
	const at =
		target.kind === 'item'
			? `#item-${target.itemId}`
			: target.kind === 'meeting'
				? `#meeting-${target.meetingId}`
				: '';
	return `/boards/${boardId}${at}`;
}
