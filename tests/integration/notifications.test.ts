// The notification centre against the production server: the bell's count, the page's list in the
// reader's words, opening one (marked read, taken to what it is about) and marking all read; only
// ever the person's own.
import { describe, expect, it } from 'vitest';
import { liveServer } from '../helpers/live.ts';
import { postAction } from '../helpers/actions.ts';
import { withStore } from '../helpers/store.ts';
import { notify, type Notice } from '../../src/lib/server/notify/notifications.ts';
import type { Person } from '../helpers/seed.ts';

const live = liveServer();

const unread = async (person: Person) => {
	const res = await fetch(`${live.server.url}/api/notifications`, {
		headers: { cookie: person.cookie }
	});
	return ((await res.json()) as { unread: number }).unread;
};

const mention = (itemId: string): Notice => ({
	kind: 'mention',
	councilId: live.s.councilId,
	boardId: live.s.boardId,
	target: { kind: 'item', list: 'plan', itemId },
	params: { actor: '王书记', title: '重阳节敬老义诊' },
	dedupeKey: `mention:${itemId}`
});

describe('the notification centre', () => {
	let ids: string[] = [];

	it('counts what is unread, for the person only, and for no one signed out', async () => {
		const { hospitalRep, schoolRep } = live.s.people;
		const made = await withStore(live.s.database, async (db) => [
			...(await notify(db, mention('item1'), [hospitalRep.id])),
			...(await notify(db, mention('item2'), [hospitalRep.id, schoolRep.id]))
		]);
		ids = made.filter((n) => n.userId === hospitalRep.id).map((n) => n.id);
		expect(await unread(hospitalRep)).toBe(2);
		expect(await unread(schoolRep)).toBe(1);
		expect(await unread(live.s.people.member)).toBe(0);
		expect((await fetch(`${live.server.url}/api/notifications`)).status).toBe(401);
	});

	it('lists them in the reader’s words', async () => {
		const page = await fetch(`${live.server.url}/notifications`, {
			headers: { cookie: live.s.people.hospitalRep.cookie }
		});
		const html = await page.text();
		expect(html).toContain('王书记在“重阳节敬老义诊”中提到了你');
		expect(html.match(/data-testid="notification"/g)).toHaveLength(2);
	});

	it('opens one of one’s own, marked read, at what it is about; another’s is left alone', async () => {
		const { hospitalRep, schoolRep } = live.s.people;
		const opened = await postAction(live.server.url, '/notifications?/open', hospitalRep.cookie, {
			id: ids[0]!
		});
		expect(opened).toMatchObject({
			type: 'redirect',
			location: `/boards/${live.s.boardId}#item-item1`
		});
		expect(await unread(hospitalRep)).toBe(1);
		// Not theirs: nothing marked, nowhere to go but the list.
		const other = await postAction(live.server.url, '/notifications?/open', schoolRep.cookie, {
			id: ids[1]!
		});
		expect(other).toMatchObject({ type: 'redirect', location: '/notifications' });
		expect(await unread(hospitalRep)).toBe(1);
	});

	it('marks all read, one’s own only', async () => {
		const { hospitalRep, schoolRep } = live.s.people;
		expect(
			await postAction(live.server.url, '/notifications?/readAll', hospitalRep.cookie, {})
		).toMatchObject({ type: 'success' });
		expect(await unread(hospitalRep)).toBe(0);
		expect(await unread(schoolRep)).toBe(1);
	});
});
