// The group robots against a local HTTP server standing in for WeCom's and DingTalk's (testing.ts):
// the JSON they are sent, DingTalk's signature as the receiver recomputes it, and each kind of
// answer said to be worth retrying or not.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../tests/helpers/engines.ts';
import { dingtalkSign, sendDingtalk, signedUrl } from './dingtalk.ts';
import { DeliveryError } from './error.ts';
import type { DeliveryMessage } from './message.ts';
import { startRobot, type TestRobot } from './testing.ts';
import { postToRobot } from './webhook.ts';
import { sendWecom } from './wecom.ts';

const robots: TestRobot[] = [];
afterEach(async () => {
	for (const robot of robots.splice(0)) await robot.close();
});
async function robot(...args: Parameters<typeof startRobot>) {
	const started = await startRobot(...args);
	robots.push(started);
	return started;
}

const message: DeliveryMessage = {
	title: '逾期提醒：3 项承诺已过期',
	text: '物业公司：楼道照明改造（到期 6月1日）\n社区卫生服务站：义诊（到期 6月3日）',
	link: { url: 'https://gongjian.example/boards/b1', label: '打开共建看板' }
};

async function failure(sending: Promise<void>): Promise<DeliveryError> {
	const err = await sending.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DeliveryError);
	return err as DeliveryError;
}

describe('the WeCom group robot (企业微信群机器人)', () => {
	it('is sent its markdown message', async () => {
		const wecom = await robot('wecom');
		await sendWecom(wecom.url, message);
		expect(wecom.requests).toHaveLength(1);
		expect(wecom.requests[0]!.body).toEqual({
			msgtype: 'markdown',
			markdown: {
				content:
					'**逾期提醒：3 项承诺已过期**\n\n' +
					'物业公司：楼道照明改造（到期 6月1日）\n社区卫生服务站：义诊（到期 6月3日）\n\n' +
					'[打开共建看板](https://gongjian.example/boards/b1)'
			}
		});
	});

	it('is sent a long message cut to its 4096 bytes', async () => {
		const wecom = await robot('wecom');
		await sendWecom(wecom.url, { title: '摘要', text: '很长的摘要。'.repeat(1000) });
		const { markdown } = wecom.requests[0]!.body as { markdown: { content: string } };
		expect(Buffer.byteLength(markdown.content)).toBeLessThanOrEqual(4096);
		expect(markdown.content.endsWith('…')).toBe(true);
	});

	it('retries when it is busy or rate limited (45009), a 5xx or a 429; not a wrong key', async () => {
		const wecom = await robot('wecom');
		wecom.answers.push(
			{ body: { errcode: 45009, errmsg: 'api freq out of limit' } },
			{ status: 502, body: 'Bad Gateway' },
			{ status: 429, body: {} },
			{ body: { errcode: 40008, errmsg: 'invalid message type' } }
		);
		const limited = await failure(sendWecom(wecom.url, message));
		expect([limited.retry, limited.message]).toEqual([
			true,
			'the robot refused: errcode 45009 api freq out of limit'
		]);
		expect((await failure(sendWecom(wecom.url, message))).retry).toBe(true);
		expect((await failure(sendWecom(wecom.url, message))).retry).toBe(true);
		expect((await failure(sendWecom(wecom.url, message))).retry).toBe(false);

		const wrongKey = await failure(sendWecom(wecom.url.replace(/key=.*/, 'key=other'), message));
		expect(wrongKey.retry).toBe(false);
		expect(wrongKey.message).toContain('93000');
		expect(wrongKey.message).not.toContain('key=');
	});

	it('refuses a URL that is not http(s), and says a robot that is down is worth retrying', async () => {
		for (const url of ['file:///etc/passwd', 'ftp://qyapi.weixin.qq.com/x', 'not a url'])
			expect((await failure(sendWecom(url, message))).retry).toBe(false);
		const down = await failure(sendWecom(`http://127.0.0.1:${await freePort()}/x?key=k`, message));
		expect(down.retry).toBe(true);
		expect(down.message).toContain('ECONNREFUSED');
	});
});

describe('the DingTalk group robot (钉钉自定义机器人)', () => {
	it('is sent its markdown message, signed (加签) as the receiver checks', async () => {
		const secret = 'SEC0123456789abcdef0123456789abcdef';
		const dingtalk = await robot('dingtalk', { secret });
		await sendDingtalk({ url: dingtalk.url, secret }, message);
		expect(dingtalk.requests).toHaveLength(1);
		const request = dingtalk.requests[0]!;
		expect(request.body).toEqual({
			msgtype: 'markdown',
			markdown: {
				title: '逾期提醒：3 项承诺已过期',
				text:
					'**逾期提醒：3 项承诺已过期**\n\n' +
					'物业公司：楼道照明改造（到期 6月1日）  \n社区卫生服务站：义诊（到期 6月3日）\n\n' +
					'[打开共建看板](https://gongjian.example/boards/b1)'
			}
		});
		expect(Math.abs(Number(request.query.get('timestamp')) - Date.now())).toBeLessThan(60_000);

		// A wrong secret makes a signature the receiver refuses, for good.
		const wrong = await failure(sendDingtalk({ url: dingtalk.url, secret: 'SECother' }, message));
		expect([wrong.retry, wrong.message]).toEqual([
			false,
			'the robot refused: errcode 310000 sign not match'
		]);
		// So does one made too long ago.
		const old = await failure(
			sendDingtalk({ url: dingtalk.url, secret }, message, { now: Date.now() - 2 * 3_600_000 })
		);
		expect(old.retry).toBe(false);
		expect(dingtalk.requests).toHaveLength(1);
	});

	it('signs as its documentation computes it, the signature URL-encoded', () => {
		// From openssl: printf '1700000000001\nthis is secret' | openssl dgst -sha256
		//   -hmac 'this is secret' -binary | base64
		const expected = 'aOZ0Y/R7BCg4xs87AcG5MYf26YmwfVRTLD0z3X+p/mM=';
		expect(dingtalkSign('this is secret', 1_700_000_000_001)).toBe(expected);
		const url = new URL('https://oapi.dingtalk.com/robot/send?access_token=abc');
		expect(signedUrl(url, 'this is secret', 1_700_000_000_001).href).toBe(
			'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000001' +
				'&sign=aOZ0Y%2FR7BCg4xs87AcG5MYf26YmwfVRTLD0z3X%2Bp%2FmM%3D'
		);
	});

	it('is sent no timestamp or signature without a secret', async () => {
		const dingtalk = await robot('dingtalk');
		await sendDingtalk({ url: dingtalk.url, secret: null }, message);
		expect(dingtalk.requests[0]!.query.has('sign')).toBe(false);
		expect(dingtalk.requests[0]!.query.has('timestamp')).toBe(false);
	});

	it('retries when sent too fast (130101), not when the token is wrong', async () => {
		const dingtalk = await robot('dingtalk');
		dingtalk.answers.push({ body: { errcode: 130101, errmsg: 'send too fast' } });
		expect((await failure(sendDingtalk({ url: dingtalk.url, secret: null }, message))).retry).toBe(
			true
		);
		const wrong = dingtalk.url.replace(/access_token=.*/, 'access_token=other');
		const refused = await failure(sendDingtalk({ url: wrong, secret: null }, message));
		expect([refused.retry, refused.message]).toEqual([
			false,
			'the robot refused: errcode 300001 token is not exist'
		]);
	});
});

describe('a robot webhook request', () => {
	/** An HTTP server answering every request with `handle`, and how many it had. */
	async function server(handle: Parameters<typeof createServer>[1]) {
		const seen = { count: 0 };
		const http = createServer((req, res) => {
			seen.count++;
			handle?.(req, res);
		});
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
		const url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/send`);
		const close = () =>
			new Promise<void>((resolve) => {
				http.closeAllConnections();
				http.close(() => resolve());
			});
		return { url, seen, close };
	}

	it('does not follow a redirect', async () => {
		const target = await server((_req, res) => res.end('{"errcode":0}'));
		const redirecting = await server((_req, res) => {
			res.writeHead(302, { location: target.url.href });
			res.end();
		});
		try {
			const redirected = await failure(postToRobot(redirecting.url, {}, new Set()));
			expect(redirected.retry).toBe(false);
			expect(target.seen.count).toBe(0);
		} finally {
			await target.close();
			await redirecting.close();
		}
	});

	it('gives up waiting after its time limit, worth retrying', async () => {
		const silent = await server(() => {});
		try {
			const started = Date.now();
			const late = await failure(postToRobot(silent.url, {}, new Set(), { timeoutMs: 300 }));
			expect(late.retry).toBe(true);
			expect(late.message).toContain('no answer in time');
			expect(Date.now() - started).toBeLessThan(5_000);
		} finally {
			await silent.close();
		}
	});

	it('reads no more of an answer than a robot gives', async () => {
		let written = 0;
		const endless = await server((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			const chunk = Buffer.alloc(64 * 1024, 'x');
			const more = () => {
				while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
				if (written < 64 * 1024 * 1024) res.once('drain', more);
				else res.end();
			};
			more();
		});
		try {
			const flood = await failure(postToRobot(endless.url, {}, new Set()));
			expect(flood.retry).toBe(false);
			expect(written).toBeLessThan(64 * 1024 * 1024);
		} finally {
			await endless.close();
		}
	});
});
