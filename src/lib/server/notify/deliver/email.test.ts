// Email against a real SMTP server (smtp-server) on a free port: the message as it arrives, parsed
// by a real MIME parser (mailparser), plain, over STARTTLS and over TLS from the start with a login;
// and the failures, each said to be worth retrying or not.
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { freePort } from '../../../../../tests/helpers/engines.ts';
import { sendEmail, type SmtpSettings } from './email.ts';
import { DeliveryError } from './error.ts';
import type { DeliveryMessage } from './message.ts';
import { selfSignedCertificate, startSmtpServer, type TestSmtpServer } from './testing.ts';

const servers: TestSmtpServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
});

async function server(options: Parameters<typeof startSmtpServer>[0] = {}) {
	const started = await startSmtpServer(options);
	servers.push(started);
	return started;
}

const settings = (port: number, more: Partial<SmtpSettings> = {}): SmtpSettings => ({
	host: '127.0.0.1',
	port,
	security: 'none',
	user: null,
	password: null,
	fromAddress: 'noreply@xingfuli.example',
	fromName: '幸福里社区党建联席会',
	...more
});

const message: DeliveryMessage = {
	title: '物业公司 @了您：能不能提前到周六？',
	text: '“楼道照明改造”的讨论有新回复。\n请在周五前答复。\n\n<b>不是标签</b>',
	link: { url: 'https://gongjian.example/boards/b1?item=p1', label: '查看详情' }
};

async function failure(sending: Promise<void>): Promise<DeliveryError> {
	const err = await sending.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DeliveryError);
	return err as DeliveryError;
}

describe('email over SMTP', () => {
	it('arrives with its Chinese subject and sender encoded, text and HTML, and the link', async () => {
		const smtp = await server();
		await sendEmail(settings(smtp.port), 'rep@wuye.example', message);

		expect(smtp.received).toHaveLength(1);
		const mail = smtp.received[0]!;
		expect(mail.from).toBe('noreply@xingfuli.example');
		expect(mail.to).toEqual(['rep@wuye.example']);
		const head = mail.raw.toString('latin1').split('\r\n\r\n')[0]!;
		// Headers are ASCII: the Chinese is in encoded words (RFC 2047), not raw bytes.
		expect(head).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
		expect([...head].every((char) => char.charCodeAt(0) < 128)).toBe(true);

		const parsed = await simpleParser(mail.raw);
		expect(parsed.subject).toBe(message.title);
		expect(parsed.from?.value).toEqual([
			{ name: '幸福里社区党建联席会', address: 'noreply@xingfuli.example' }
		]);
		expect(parsed.text).toContain('请在周五前答复。');
		expect(parsed.text).toContain('查看详情: https://gongjian.example/boards/b1?item=p1');
		expect(parsed.html).toContain(
			'<a href="https://gongjian.example/boards/b1?item=p1">查看详情</a>'
		);
		expect(parsed.html).toContain('“楼道照明改造”的讨论有新回复。<br>请在周五前答复。');
		// The text is text in the HTML too, not markup.
		expect(parsed.html).toContain('&lt;b&gt;不是标签&lt;/b&gt;');
		expect(mail.secure).toBe(false);
	});

	it('logs in over STARTTLS, trusting the certificate only because the test says so', async () => {
		const certificate = selfSignedCertificate();
		const login = { user: 'mailer', password: 'smtp-pass-秘密' };
		const smtp = await server({ security: 'starttls', certificate, login });
		const starttls = settings(smtp.port, {
			security: 'starttls',
			user: login.user,
			password: login.password,
			host: 'localhost'
		});

		await sendEmail(starttls, 'rep@wuye.example', message, { tls: { ca: certificate.cert } });
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0]!.secure).toBe(true);

		// By default a certificate nobody vouches for is refused, and that does not pass by itself.
		const refused = await failure(sendEmail(starttls, 'rep@wuye.example', message));
		expect(refused.retry).toBe(false);
		expect(smtp.received).toHaveLength(1);

		const wrongPassword = await failure(
			sendEmail({ ...starttls, password: 'wrong' }, 'rep@wuye.example', message, {
				tls: { ca: certificate.cert }
			})
		);
		expect(wrongPassword.retry).toBe(false);
		expect(wrongPassword.message).toContain('535');
		expect(wrongPassword.message).not.toContain('wrong');
	});

	it('speaks TLS from the first byte (security tls, as on port 465)', async () => {
		const certificate = selfSignedCertificate();
		const smtp = await server({ security: 'tls', certificate });
		await sendEmail(
			settings(smtp.port, { security: 'tls', host: 'localhost' }),
			'rep@wuye.example',
			message,
			{ tls: { ca: certificate.cert } }
		);
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0]!.secure).toBe(true);
		expect((await simpleParser(smtp.received[0]!.raw)).subject).toBe(message.title);
	});

	it('says a refused recipient is for good (5xx) and a deferred one worth retrying (4xx)', async () => {
		const smtp = await server({ refuse: { 'gone@wuye.example': 550, 'full@wuye.example': 451 } });
		const gone = await failure(sendEmail(settings(smtp.port), 'gone@wuye.example', message));
		expect(gone.retry).toBe(false);
		expect(gone.message).toContain('550');
		const full = await failure(sendEmail(settings(smtp.port), 'full@wuye.example', message));
		expect(full.retry).toBe(true);
		expect(full.message).toContain('451');
		expect(smtp.received).toHaveLength(0);
	});

	it('says a server that cannot be reached is worth retrying', async () => {
		const down = await failure(sendEmail(settings(await freePort()), 'rep@wuye.example', message));
		expect(down.retry).toBe(true);
	});

	it('refuses what is not an address without asking the server', async () => {
		const smtp = await server();
		const bad = await failure(sendEmail(settings(smtp.port), 'not an address', message));
		expect(bad.retry).toBe(false);
		expect(smtp.received).toHaveLength(0);
	});
});
