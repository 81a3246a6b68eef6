// The record (动态) in words: who did it, named once with their own unit or role, and what they did,
// with old → new for a short field (状态：待认领 → 已认领). Pure, so the page and the tests say it alike.
import type { FeedItem, PersonPlace } from '$lib/server/record/feed.ts';
import { fieldSpec, type FieldChange } from '$lib/board/reports/diff.ts';
import { labelKey, optionKey } from '$lib/board/model/descriptor.ts';
import { listNamed, planList } from '$lib/board/model/lists/index.ts';
import { type Locale, type Translate } from '$lib/i18n/index.ts';
import { versionName } from '$lib/versions.ts';

export interface RecordWords {
	t: Translate;
	locale: Locale;
	/** A YYYY-MM-DD day in the reader's words. */
	date: (iso: string) => string;
	unitName: (id: string) => string;
	/** A need's or project's title, by `need:<id>` / `project:<id>`. */
	titleOf: (key: string) => string | undefined;
}

/** A display name ending in its own words in brackets: 孙倩（市第一人民医院）, 李敏 (secretary). */
const BRACKETED = /^(.*?)\s*[（(]([^（）()]+)[）)]\s*$/;

/**
 * A person as the record names them: their name, and their own place (the unit they represent, or
 * their role). Many people write their unit into their name (孙倩（市第一人民医院）): words in brackets
 * that say the same as the place are not said twice, and other words they wrote come first
 * (李敏（社区党委书记，书记/秘书）). The place is the council's record, never the name's.
 */
export function personNamed(
	who: string,
	as: PersonPlace | null,
	t: Translate
): { name: string; place: string } {
	const place = as
		? as.role === 'unit_rep' && as.unitName
			? as.unitName
			: t(`role.${as.role}`)
		: '';
	const own = BRACKETED.exec(who);
	if (!place || !own) return { name: who, place };
	const [, name = '', written = ''] = own;
	if (!name) return { name: who, place };
	const same = written.includes(place) || place.includes(written);
	return { name, place: same ? place : t('feed.placeBoth', { own: written, place }) };
}

/** One short value in words: a choice's word, a day, a unit's or item's name; '' as 无. */
function valueWords(list: string, field: string, value: string, words: RecordWords): string {
	if (value === '') return words.t('feed.nothing');
	const spec = fieldSpec(list, field);
	switch (spec?.kind) {
		case 'choice': {
			const descriptor = planList(list);
			const key = descriptor && optionKey(descriptor, field, value);
			return key ? words.t(key) : value;
		}
		case 'date':
			return words.date(value);
		case 'ref':
			if (spec.to === 'unit') return words.unitName(value) || value;
			// A pledge's link holds `need:<id>` or `project:<id>`; a commitment's project its id.
			return (
				words.titleOf(spec.to === 'need|project' ? value : `${spec.to}:${value}`) ??
				words.t('board.untitled')
			);
		default:
			return value;
	}
}

/** A field that changed: its name, and old → new where the record kept them. */
export function changeWords(list: string, change: FieldChange, words: RecordWords): string {
	const descriptor = listNamed(list);
	const field = descriptor?.fields[change.field];
	const name =
		descriptor && field && !field.unlabelled
			? words.t(labelKey(descriptor, change.field))
			: change.field;
	if (change.from === undefined || change.to === undefined || change.from === change.to)
		return name;
	const from = valueWords(list, change.field, change.from, words);
	const to = valueWords(list, change.field, change.to, words);
	return words.t('feed.fromTo', { field: name, from, to });
}

/** What happened, in words, after the person's name. */
export function said(item: FeedItem, words: RecordWords): string {
	const { t, locale } = words;
	const list = (items: string[]) => items.join(t('list.separator'));
	if (item.kind === 'change') {
		const claimed = (key: string) => words.titleOf(key) ?? t('board.untitled');
		if (item.list === 'claims')
			return t(item.action === 'removed' ? 'feed.unclaimed' : 'feed.claimed', {
				what: claimed(item.itemId)
			});
		const noun = t(`feed.noun.${item.list}`);
		// A sheet changed by someone not of its unit (a secretary) says whose sheet it was.
		const ofUnit = item.sheet && item.sheet !== item.as?.unitId ? words.unitName(item.sheet) : '';
		const what = ofUnit ? t('feed.nounOf', { unit: ofUnit, noun }) : noun;
		if (item.alsoAdded.length) {
			const titles = [item.title, ...item.alsoAdded].map((title) => title || t('board.untitled'));
			return t('feed.addedMany', {
				count: titles.length,
				noun: what,
				titles: list(titles.slice(0, 3)) + (titles.length > 3 ? t('feed.andMore') : '')
			});
		}
		const sentence = t('feed.change', {
			action: t(`feed.action.${item.action}`),
			noun: what,
			title: item.title || t('board.untitled')
		});
		if (!item.fields.length) return sentence;
		// Names alone run on with 、; once a value is told, each field is its own clause.
		const told = item.fields.some(
			(f) => f.from !== undefined && f.to !== undefined && f.from !== f.to
		);
		return (
			sentence +
			t('feed.fields', {
				fields: item.fields
					.map((f) => changeWords(item.list, f, words))
					.join(t(told ? 'feed.clauseSep' : 'list.separator'))
			})
		);
	}
	const e = item.event;
	switch (e.type) {
		case 'status': {
			let sentence = t('feed.status', { status: t(`boardStatus.${e.to}`) });
			if (e.reason) sentence += t('feed.statusReason', { reason: e.reason });
			if (e.unconfirmed?.length)
				sentence += t('feed.statusUnconfirmed', { units: list(e.unconfirmed) });
			return sentence;
		}
		case 'confirm':
			return t('feed.confirm', { unit: e.unitName });
		case 'version':
			return t(e.kind === 'agreed' ? 'feed.versionAgreed' : 'feed.version', {
				label: versionName({ ...e, createdAt: item.at }, t, locale)
			});
		case 'restore':
			return t('feed.restore', { label: e.label });
		case 'membership': {
			const role = e.role ? t(`role.${e.role}`) + (e.unitName ? ` · ${e.unitName}` : '') : '';
			if (e.via === 'invitation') return t('feed.joined', { role });
			if (e.via === 'unit_deleted')
				return t('feed.unitDeleted', { subject: e.subject, unit: e.unitName ?? '' });
			return e.role
				? t('feed.roleSet', { subject: e.subject, role })
				: t('feed.removed', { subject: e.subject });
		}
		case 'export':
			if (e.document === 'minutes') return t('feed.exportMinutes');
			if (e.document === 'scorecard') return t('scorecard.feedExport', { year: e.year ?? '' });
			return t('feed.export', {
				format: e.format.toUpperCase(),
				what: e.version ? versionName(e.version, t, locale) : t('versions.now')
			});
		case 'imported':
			return (
				t('feed.imported', { title: `${e.title} ${e.period}`.trim() }) +
				(e.unitsAdded.length ? t('feed.importedUnits', { units: list(e.unitsAdded) }) : '')
			);
		case 'nextPeriod':
		case 'carriedOver':
			return t(e.type === 'nextPeriod' ? 'feed.nextPeriod' : 'feed.carriedOver', {
				title: `${e.title} ${e.period}`,
				needs: e.needs,
				projects: e.projects,
				commitments: e.commitments
			});
		case 'doneDay':
			return t('doneDay.feed', { title: e.title, from: e.from ?? t('doneDay.none'), to: e.to });
		case 'checkin':
			return t('checkIn.feed', { meeting: e.meeting || t('board.untitled') });
		case 'commentHidden':
			return t('comments.feedHidden', { author: e.author, reason: e.reason });
		case 'tracking': {
			const descriptor = planList(e.list);
			const key = descriptor && optionKey(descriptor, 'status', e.value);
			const status = key ? t(key) : e.value;
			return t('feed.tracking', {
				noun: t(`feed.noun.${e.list}`),
				title: e.title,
				status
			});
		}
	}
}
