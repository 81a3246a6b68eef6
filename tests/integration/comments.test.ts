// The discussion against real parts: the production server and its store, the board page's form
// actions posted as the page posts them, and y-websocket clients reading the comments document.
// What is proved: a comment reaches everyone on the board at once with the author, unit and time the
// server set, whatever the form claimed; no client writes the document itself; the rights hold
// (observers only where the council allows, nobody outside the council reads or writes, the author
// alone edits, a secretary hides with a reason that goes into the record); the discussion goes on
// once the plan is agreed.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tables } from '../../src/lib/server/db/index.ts';
import { liveServer } from '../helpers/live.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually, upgradeStatus } from '../helpers/yclient.ts';
import { withStore } from '../helpers/store.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { PLAN } from '../../src/lib/board/model/lists/index.ts';
import { readComments, readThreads } from '../../src/lib/board/ydoc/comments.ts';
import { commentsRoom } from '../../src/lib/server/sync/rooms.ts';
import type { Person } from '../helpers/seed.ts';

const live = liveServer();

const act = (person: Person, action: string, fields: Record<string, string> | FormData) =>
	postAction(live.server.url, `/boards/${live.s.boardId}?/${action}`, person.cookie, fields);

/** The discussion as `person` reads it on the wire. */
function discussion(person: Person) {
	const client = live.open(person.cookie, commentsRoom(live.s.boardId));
	return {
		client,
		comments: () => readComments(client.doc),
		threads: () => readThreads(client.doc)
	};
}

async function setBoard(status: 'meeting' | 'agreed' | 'archived') {
	await withStore(live.s.database, async (db) => {
		const { boards } = tables(db);
		await db.update(boards).set({ status }).where(eq(boards.id, live.s.boardId));
	});
}

async function setObserversComment(allowed: boolean) {
	await withStore(live.s.database, async (db) => {
		const { councils } = tables(db);
		await db
			.update(councils)
			.set({ observersComment: allowed })
			.where(eq(councils.id, live.s.councilId));
	});
}

describe('the discussion', () => {
	let thread = '';

	it('reaches everyone on the board at once, under the author the server knows', async () => {
		const { secretary, hospitalRep, observer } = live.s.people;
		const board = live.open(secretary.cookie);
		await board.synced;
		const itemId = addItem(board.doc, PLAN, { title: '重阳节敬老义诊' });
		thread = `plan/${itemId}`;
		const watching = discussion(observer);
		await watching.client.synced;
		const before = Date.now();

		const form = new FormData();
		form.set('thread', thread);
		form.set('text', '@市第一人民医院 能不能提前到周六？\n上午九点开始');
		form.append('mention', `unit:${live.s.units.hospital.id}`);
		form.append('mention', 'unit:nosuchunit'); // not of this council: dropped
		// What a forged form might claim: none of it is read.
		form.set('authorId', secretary.id);
		form.set('authorName', '书记');
		form.set('createdAt', '0');
		await eventually(async () =>
			expect(await act(hospitalRep, 'comment', form)).toMatchObject({ type: 'success' })
		);

		await eventually(() => expect(watching.comments()).toHaveLength(1));
		const [comment] = watching.comments();
		expect(comment).toMatchObject({
			thread,
			authorId: hospitalRep.id,
			authorName: hospitalRep.displayName,
			authorUnitId: live.s.units.hospital.id,
			text: '@市第一人民医院 能不能提前到周六？\n上午九点开始',
			mentions: [{ kind: 'unit', id: live.s.units.hospital.id }],
			replyTo: null,
			hidden: null,
			deletedAt: null
		});
		expect(comment!.createdAt).toBeGreaterThanOrEqual(before);
		expect(comment!.createdAt).toBeLessThanOrEqual(Date.now());
	});

	it('tells those it concerns, each once: the named, the answered, the unit it is of', async () => {
		const { secretary, member, hospitalRep, schoolRep } = live.s.people;
		const board = live.open(secretary.cookie);
		await board.synced;
		// A project the school leads: its representatives hear of every comment on it.
		const itemId = addItem(board.doc, PLAN, {
			title: '校园消防演练',
			lead: live.s.units.school.id
		});
		const project = `plan/${itemId}`;
		const reading = discussion(member);
		await reading.client.synced;
		const form = new FormData();
		form.set('thread', project);
		form.set('text', '@市第一人民医院 @实验小学 请派人参加');
		form.append('mention', `unit:${live.s.units.hospital.id}`);
		form.append('mention', `unit:${live.s.units.school.id}`);
		form.append('mention', `person:${secretary.id}`); // the author: never told of their own
		await eventually(async () =>
			expect(await act(secretary, 'comment', form)).toMatchObject({ type: 'success' })
		);
		await eventually(() =>
			expect(reading.comments().filter((c) => c.thread === project)).toHaveLength(1)
		);
		const asked = reading.comments().find((c) => c.thread === project)!;
		expect(
			await act(hospitalRep, 'comment', { thread: project, text: '可以', replyTo: asked.id })
		).toMatchObject({ type: 'success' });

		const told = await withStore(live.s.database, async (db) => {
			const { notifications } = tables(db);
			return db.select().from(notifications).where(eq(notifications.boardId, live.s.boardId));
		});
		const of = (person: Person) =>
			told
				.filter((n) => n.userId === person.id)
				.map((n) => n.kind)
				.sort();
		// The school's representative was named and leads: told once, of the mention. The hospital's
		// was named, then answered the secretary: told of the mention; the secretary of the answer
		// (and, as the school leads, the school's representative of the answer too).
		expect(of(schoolRep)).toEqual(['comment-on-my-unit', 'mention']);
		expect(of(hospitalRep)).toEqual(['mention']);
		expect(of(secretary)).toEqual(['reply']);
		expect(of(member)).toEqual([]);
		const mention = told.find((n) => n.userId === schoolRep.id && n.kind === 'mention')!;
		expect(mention).toMatchObject({
			councilId: live.s.councilId,
			target: { kind: 'item', list: 'plan', itemId },
			params: { actor: secretary.displayName, title: '校园消防演练' }
		});
	});

	it('takes no write from any client on the wire, not even a secretary’s', async () => {
		const { secretary } = live.s.people;
		const mine = discussion(secretary);
		await mine.client.synced;
		const other = discussion(live.s.people.member);
		await other.client.synced;
		const before = other.comments().length;
		mine.client.doc.getMap('comments').set('forged', {
			thread,
			authorId: live.s.people.hospitalRep.id,
			authorName: '假冒',
			text: '伪造的评论',
			createdAt: Date.now()
		});
		// A comment made properly after it arrives; the forged one never does, nor is it stored.
		await act(secretary, 'comment', { thread, text: '收到，周六可以。' });
		await eventually(() => expect(other.comments()).toHaveLength(before + 1));
		expect(other.comments().map((c) => c.text)).not.toContain('伪造的评论');
		const fresh = discussion(live.s.people.member);
		await fresh.client.synced;
		expect(fresh.comments().map((c) => c.id)).not.toContain('forged');
	});

	it('is refused with the text given back, when empty, too long or on an item not there', async () => {
		const { member } = live.s.people;
		expect(await act(member, 'comment', { thread, text: '  \n ' })).toMatchObject({
			status: 400,
			data: { comment: { error: 'comments.empty', thread } }
		});
		const long = '长'.repeat(2001);
		expect(await act(member, 'comment', { thread, text: long })).toMatchObject({
			status: 400,
			data: { comment: { error: 'field.tooLong', params: { max: 2000 }, text: long } }
		});
		expect(
			await act(member, 'comment', { thread: 'plan/nosuchitem', text: '这一条呢？' })
		).toMatchObject({ status: 404, data: { comment: { error: 'comments.unknownThread' } } });
		expect(await act(member, 'comment', { thread: '../x', text: '这一条呢？' })).toMatchObject({
			status: 404
		});
	});

	it('lets observers read but write only where the council allows it', async () => {
		const { observer } = live.s.people;
		expect(await act(observer, 'comment', { thread: 'board', text: '列席意见' })).toMatchObject({
			status: 403,
			data: { comment: { error: 'comments.notAllowed', text: '列席意见' } }
		});
		await setObserversComment(true);
		expect(await act(observer, 'comment', { thread: 'board', text: '列席意见' })).toMatchObject({
			type: 'success'
		});
		await setObserversComment(false);
	});

	it('is nothing to anyone outside the council: no room, no form', async () => {
		const { outsider } = live.s.people;
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${commentsRoom(live.s.boardId)}`, {
				cookie: outsider.cookie
			})
		).toBe(403);
		expect(
			(await act(outsider, 'comment', { thread: 'board', text: '外人' })).status
		).toBeGreaterThanOrEqual(403);
	});

	it('is its author’s to edit and delete, and a secretary’s to hide, with the reason recorded', async () => {
		const { hospitalRep, member, secretary } = live.s.people;
		const reading = discussion(member);
		await reading.client.synced;
		const first = () => reading.comments().find((c) => c.authorId === hospitalRep.id)!;
		const id = first().id;

		expect(await act(member, 'editComment', { commentId: id, text: '改别人的' })).toMatchObject({
			status: 403,
			data: { comment: { error: 'comments.notYours' } }
		});
		expect(
			await act(hospitalRep, 'editComment', { commentId: id, text: '能不能提前到周六上午？' })
		).toMatchObject({ type: 'success' });
		await eventually(() => expect(first().text).toBe('能不能提前到周六上午？'));
		expect(first().editedAt).not.toBeNull();

		expect(await act(secretary, 'hideComment', { commentId: id, reason: '' })).toMatchObject({
			status: 400,
			data: { comment: { error: 'comments.reasonRequired' } }
		});
		expect(await act(member, 'hideComment', { commentId: id, reason: '无关' })).toMatchObject({
			status: 403
		});
		expect(
			await act(secretary, 'hideComment', { commentId: id, reason: '含个人电话号码' })
		).toMatchObject({ type: 'success' });
		await eventually(() => expect(first().hidden).not.toBeNull());
		expect(first()).toMatchObject({
			text: '',
			hidden: { byName: secretary.displayName, reason: '含个人电话号码' }
		});
		// Hidden is hidden: its author cannot bring the text back by editing it.
		expect(
			await act(hospitalRep, 'editComment', { commentId: id, text: '再发一次' })
		).toMatchObject({ status: 404, data: { comment: { error: 'comments.unknownComment' } } });
		const recorded = await withStore(live.s.database, async (db) => {
			const { events } = tables(db);
			return db.select().from(events).where(eq(events.type, 'commentHidden'));
		});
		expect(recorded.map((e) => e.data)).toEqual([
			{
				type: 'commentHidden',
				commentId: id,
				thread,
				author: hospitalRep.displayName,
				reason: '含个人电话号码'
			}
		]);

		const mine = reading.comments().find((c) => c.authorId === secretary.id)!;
		expect(await act(secretary, 'deleteComment', { commentId: mine.id })).toMatchObject({
			type: 'success'
		});
		await eventually(() =>
			expect(reading.comments().find((c) => c.id === mine.id)).toMatchObject({ text: '' })
		);
		expect(reading.comments().find((c) => c.id === mine.id)!.deletedAt).not.toBeNull();
		// None of the refusals above broke the room: no one's connection to it was closed.
		expect(
			live.server.logs.filter((l) => l.includes('comments') && l.includes('"level":50'))
		).toEqual([]);
		expect(live.server.logs.some((l) => l.includes('could not apply an update'))).toBe(false);
	});

	it('stops a person writing too fast, giving the text back, and no one else', async () => {
		const { schoolRep, member } = live.s.people;
		let answer: Awaited<ReturnType<typeof act>> | null = null;
		let posted = 0;
		for (; posted <= 60; posted++) {
			answer = await act(schoolRep, 'comment', { thread: 'board', text: `第${posted}条` });
			if (answer.type !== 'success') break;
		}
		expect(posted).toBe(60);
		expect(answer).toMatchObject({
			status: 429,
			data: { comment: { error: 'comments.tooFast', text: '第60条', params: { minutes: 10 } } }
		});
		expect(await act(member, 'comment', { thread: 'board', text: '我还可以' })).toMatchObject({
			type: 'success'
		});
	});

	it('goes on once the plan is agreed, threads resolved and reopened, and closes when archived', async () => {
		const { member, schoolRep } = live.s.people;
		await setBoard('agreed');
		const reading = discussion(schoolRep);
		await reading.client.synced;
		expect(await act(member, 'comment', { thread, text: '通过后继续沟通' })).toMatchObject({
			type: 'success'
		});
		expect(await act(member, 'resolveThread', { thread, resolved: 'true' })).toMatchObject({
			type: 'success'
		});
		await eventually(() =>
			expect(reading.threads().get(thread)?.resolved).toMatchObject({
				byName: member.displayName
			})
		);
		expect(await act(schoolRep, 'resolveThread', { thread, resolved: 'false' })).toMatchObject({
			type: 'success'
		});
		await eventually(() => expect(reading.threads().get(thread)?.resolved).toBeNull());

		await setBoard('archived');
		expect(await act(member, 'comment', { thread, text: '归档之后' })).toMatchObject({
			status: 403
		});
		await setBoard('meeting');
	});
});
