// The guards every page and /api route starts with, on the seeded council (tests/helpers/seed.ts) in
// a real store and a real app: a page sends someone not signed in to the sign-in page, the
// API answers 401; boards and councils are refused with 404 or 403 and a message key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { seed, type Person, type Seeded } from '../../../../tests/helpers/seed.ts';
import { createApp, type App } from '../app.ts';
import type { SessionUser } from '../auth/session.ts';
import {
	requireAdmin,
	requireBoard,
	requireBoardSecretary,
	requireCouncil,
	requireCouncilManager,
	requireUser
} from './guards.ts';

let seeded: Seeded;
let app: App;
beforeAll(async () => {
	seeded = await seed();
	app = await createApp({ database: seeded.database, log: pino({ level: 'silent' }) });
});
afterAll(async () => {
	await app.close();
	await seeded.drop();
});

const asUser = (person: Person): SessionUser => ({
	id: person.id,
	username: person.username,
	displayName: person.displayName,
	isAdmin: false
});

/** A request for `path` by `person` (nobody: not signed in), as SvelteKit hands it to a guard. */
function request(
	path: string,
	person: Person | null,
	params: Record<string, string> = {}
): Pick<RequestEvent, 'locals' | 'url' | 'params'> {
	return {
		locals: { app, user: person && asUser(person), session: null, locale: 'zh-CN' },
		url: new URL(path, 'http://localhost'),
		params
	};
}

/** How a guard ends the request: `redirect <location>`, `<status> <message>`, or `ok`. Synchronous
 *  guards throw, asynchronous ones reject: both are caught here. */
async function outcome(guard: () => unknown): Promise<string> {
	try {
		await guard();
		return 'ok';
	} catch (thrown) {
		if (isRedirect(thrown)) return `redirect ${thrown.location}`;
		if (isHttpError(thrown)) return `${thrown.status} ${thrown.body.message}`;
		throw thrown;
	}
}

describe('requireUser', () => {
	it('sends a page to the sign-in page and back, and answers the API 401', async () => {
		expect(await outcome(() => requireUser(request('/boards/b1?tab=plan', null)))).toBe(
			`redirect /login?next=${encodeURIComponent('/boards/b1?tab=plan')}`
		);
		expect(await outcome(() => requireUser(request('/api/boards', null)))).toBe(
			'401 error.signInRequired'
		);
		expect(requireUser(request('/api/boards', seeded.people.member)).id).toBe(
			seeded.people.member.id
		);
	});

	it('keeps the administrator’s pages to administrators', async () => {
		expect(await outcome(() => requireAdmin(request('/admin', seeded.people.secretary)))).toBe(
			'403 error.forbidden'
		);
	});
});

describe('requireBoard', () => {
	const board = (boardId: string, person: Person | null, path = `/boards/${boardId}`) =>
		outcome(() => requireBoard(request(path, person, { boardId })));

	it('refuses an unknown board (404) and another council’s (403), on pages and the API alike', async () => {
		for (const prefix of ['', '/api']) {
			expect(await board('nosuchboard', seeded.people.member, `${prefix}/boards/nosuchboard`)).toBe(
				'404 error.notFound'
			);
			expect(
				await board(
					seeded.otherBoardId,
					seeded.people.member,
					`${prefix}/boards/${seeded.otherBoardId}`
				)
			).toBe('403 error.forbidden');
			expect(await board(seeded.boardId, seeded.people.outsider, `${prefix}/boards/x`)).toBe(
				'403 error.forbidden'
			);
			expect(await board(seeded.boardId, seeded.people.observer, `${prefix}/boards/x`)).toBe('ok');
		}
	});

	it('takes the board of a form where the page is not of one board', async () => {
		const event = request('/my', seeded.people.hospitalRep);
		expect(await requireBoard(event, seeded.boardId)).toMatchObject({
			ok: true,
			role: 'unit_rep',
			unitId: seeded.units.hospital.id
		});
	});

	it('keeps what the secretaries do to them', async () => {
		const secretary = (person: Person) =>
			outcome(() =>
				requireBoardSecretary(request('/boards/x/next', person, { boardId: seeded.boardId }))
			);
		expect(await secretary(seeded.people.secretary)).toBe('ok');
		for (const person of ['member', 'observer', 'hospitalRep'] as const)
			expect(await secretary(seeded.people[person])).toBe('403 versions.secretaryOnly');
	});
});

describe('requireCouncil and requireCouncilManager', () => {
	const council = (guard: typeof requireCouncil, person: Person, councilId = seeded.councilId) =>
		outcome(() => guard(request(`/councils/${councilId}`, person, { councilId })));

	it('shows the council’s dashboard to anyone in it', async () => {
		expect(await council(requireCouncil, seeded.people.observer)).toBe('ok');
		expect(await council(requireCouncil, seeded.people.outsider)).toBe('403 dashboard.forbidden');
		expect(await council(requireCouncil, seeded.people.member, 'nosuchcouncil')).toBe(
			'404 error.notFound'
		);
	});

	it('opens the council page to its secretaries only, with one refusal for everyone else', async () => {
		expect(await council(requireCouncilManager, seeded.people.secretary)).toBe('ok');
		for (const person of ['member', 'observer', 'hospitalRep', 'outsider'] as const)
			expect(await council(requireCouncilManager, seeded.people[person])).toBe(
				'403 council.forbidden'
			);
		expect(await council(requireCouncilManager, seeded.people.secretary, 'nosuchcouncil')).toBe(
			'404 error.notFound'
		);
	});
});
