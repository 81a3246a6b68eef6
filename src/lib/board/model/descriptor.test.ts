import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import {
	choicesOf,
	defineList,
	labelKey,
	optionKey,
	placeholderKey,
	type ListDescriptor
} from './descriptor.ts';
import { LISTS, NEEDS } from './lists/index.ts';

const ALL: ListDescriptor[] = Object.values(LISTS);

describe('list descriptors', () => {
	it('name every field, example and option with words in both dictionaries', () => {
		for (const list of ALL)
			for (const [name, field] of Object.entries(list.fields)) {
				const keys = [
					field.unlabelled ? undefined : labelKey(list, name),
					placeholderKey(list, name),
					...choicesOf(list, name).map((c) => c.key)
				].filter((key) => key !== undefined);
				for (const key of keys) {
					expect(zhCN[key], key).toBeTruthy();
					expect(en[key], key).toBeTruthy();
					expect(`${zhCN[key]}${en[key]}`, key).not.toContain('{');
				}
			}
	});

	it('say a choice in words, and a state the board shows but nobody sets', () => {
		expect(optionKey(NEEDS, 'status', 'claimed')).toBe('needStatus.claimed');
		expect(optionKey(LISTS.commitments, 'status', 'overdue')).toBe('commitmentStatus.overdue');
		expect(optionKey(NEEDS, 'status', 'overdue')).toBeUndefined();
		expect(optionKey(NEEDS, 'title', 'open')).toBeUndefined();
		expect(placeholderKey(NEEDS, 'title')).toBe('ph.needs.title');
		expect(placeholderKey(NEEDS, 'details')).toBeUndefined();
	});

	it('name only fields of their own list on the card, in tables and import', () => {
		for (const list of ALL) {
			const names = [
				...(list.card ? [list.card.title, ...list.card.fields.map(([name]) => name)] : []),
				...(list.export?.columns.map(([name]) => name) ?? []),
				...(list.import?.fields ?? [])
			];
			for (const name of names) expect(list.fields, `${list.name}.${name}`).toHaveProperty(name);
		}
	});

	it('are refused by the compiler when a word is missing', () => {
		// Each line fails to compile (svelte-check runs over tests): the directive says so, and would
		// itself fail the check if the line compiled.
		const lists = [
			// @ts-expect-error: no f.needs.nonesuch in the dictionary
			defineList({ name: 'needs', fields: { nonesuch: { kind: 'text' } } }),
			defineList({
				name: 'needs',
				// @ts-expect-error: no needStatus.lost
				fields: { status: { kind: 'choice', options: ['open', 'lost'], words: 'needStatus' } }
			}),
			// @ts-expect-error: no ph.needs.details
			defineList({ name: 'needs', fields: { details: { kind: 'text', placeholder: true } } }),
			defineList({
				name: 'needs',
				fields: { title: { kind: 'text' } },
				// @ts-expect-error: the card names a field the list has not
				card: { title: 'titel', fields: [] }
			})
		];
		expect(lists).toHaveLength(4);
	});
});
