// Two production servers on one store and one Redis, as two nodes of a cluster: what they must share
// besides the documents. They print one first-run setup code, and it creates one administrator even
// when it is entered on both at once; sign-in attempts are counted across both, and refused on both
// while Redis is away. Several nodes need PostgreSQL (REDIS_URL on SQLite is refused at start), so
// this runs in integration-pg only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../helpers/engines.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { newTestStore, testPostgres, type TestStore } from '../helpers/store.ts';
import { eventually } from '../helpers/yclient.ts';

let redis: RunningRedis;
let place: TestStore;
let nodes: [RunningServer, RunningServer];

beforeAll(async () => {
	if (!testPostgres()) return;
	redis = await startRedis();
	place = await newTestStore();
	const node = (id: string) =>
		startServer({ database: place.location, env: { REDIS_URL: redis.url, NODE_ID: id } });
	nodes = await Promise.all([node('node-1'), node('node-2')]);
});
afterAll(async () => {
	for (const node of nodes ?? []) await node.stop();
	await place?.drop();
	await redis?.stop();
});

/** A form action as the page's script posts it: SvelteKit answers what happened as JSON. */
async function action(
	node: RunningServer,
	path: string,
	fields: Record<string, string>,
	cookie?: string
) {
	const res = await fetch(node.url + path, {
		method: 'POST',
		headers: { origin: node.url, accept: 'application/json', ...(cookie && { cookie }) },
		body: new URLSearchParams(fields)
	});
	const answer = (await res.json()) as { type: string; status: number; location?: string };
	return {
		...answer,
		cookie: res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ')
	};
}

const where = async (node: RunningServer, path: string) =>
	(await fetch(node.url + path, { redirect: 'manual' })).headers.get('location');

const PASSWORD = 'a-long-admin-password';
/** The administrator setup created, on whichever node won. */
let admin = '';

describe.skipIf(!testPostgres())('two nodes on one store and one Redis', () => {
	it('print one setup code, which creates one administrator when entered on both at once', async () => {
		const codes = await Promise.all(
			nodes.map(async (n) => JSON.parse(await n.waitForLog(/"setupCode":"/)).setupCode as string)
		);
		expect(codes[1]).toBe(codes[0]);
		for (const node of nodes) expect(await where(node, '/')).toBe('/setup');

		const answers = await Promise.all(
			nodes.map((node, i) =>
				action(node, '/setup', {
					code: codes[0]!,
					username: `admin${i}`,
					displayName: `管理员${i}`,
					password: PASSWORD,
					passwordConfirm: PASSWORD
				})
			)
		);
		expect(answers.map((a) => a.location).sort()).toEqual(['/admin', '/login']);
		admin = `admin${answers.findIndex((a) => a.location === '/admin')}`;
		// Setup is done on both: the page itself asks the store, and every page soon stops sending
		// people there.
		for (const node of nodes) {
			expect(await where(node, '/setup')).toBe('/login');
			await eventually(async () => expect(await where(node, '/')).toMatch(/^\/login/));
		}
	});

	it('count sign-in attempts across both: five wrong passwords per username, not five each', async () => {
		const statuses = [];
		for (let i = 0; i < 7; i++)
			statuses.push(
				(await action(nodes[i % 2]!, '/login', { username: admin, password: 'wrong' })).status
			);
		expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
	});

	it('refuse sign-ins while Redis is away, on both, and sign in once it is back', async () => {
		await redis.pause();
		const right = { username: admin, password: PASSWORD };
		for (const node of nodes) {
			const refused = await action(node, '/login', right);
			expect(refused).toMatchObject({ type: 'failure', status: 503 });
		}
		await redis.resume(); // empty: the window the test before filled is gone
		for (const node of nodes)
			await eventually(
				async () => expect(await action(node, '/login', right)).toMatchObject({ type: 'redirect' }),
				15_000
			);
		expect(nodes[0].logs.some((l) => l.includes('rate limits unavailable'))).toBe(true);
	});

	it('make one account of a username created on both at once, and tell the other it is taken', async () => {
		const { cookie } = await action(nodes[0], '/login', { username: admin, password: PASSWORD });
		// Both check the name before hashing the password (a while), so both find it free.
		const answers = await Promise.all(
			nodes.map((node, i) =>
				action(
					node,
					'/admin?/createUser',
					{
						username: 'zhaolei',
						displayName: `赵磊${i}`,
						password: PASSWORD,
						passwordConfirm: PASSWORD
					},
					cookie
				)
			)
		);
		expect(answers.map((a) => `${a.type} ${a.status}`).sort()).toEqual([
			'failure 400',
			'success 200'
		]);
		expect(JSON.stringify(answers.find((a) => a.type === 'failure'))).toContain(
			'field.usernameTaken'
		);
	});
});
