// The delivery settings on both stores (unit, unit-pg): kept whole for sending, masked for pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { twoCouncils } from '../council/testing.ts';
import {
	addWebhook,
	councilWebhooks,
	maskedUrl,
	removeSmtpSettings,
	removeWebhook,
	saveSmtpSettings,
	smtpSettings,
	smtpSettingsForPage,
	updateWebhook,
	webhookForSending
} from './settings.ts';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await tempStore());
});
afterEach(() => cleanup());

const mailServer = {
	host: 'smtp.exmail.qq.com',
	port: 465,
	security: 'tls' as const,
	user: 'noreply@xingfuli.example',
	fromAddress: 'noreply@xingfuli.example',
	fromName: '幸福里社区党建联席会'
};

describe('the mail server settings', () => {
	it('keep the password for sending, and show a page only that there is one', async () => {
		expect(await smtpSettings(db)).toBeNull();
		await saveSmtpSettings(db, { ...mailServer, password: 'smtp-secret' });
		expect(await smtpSettings(db)).toEqual({ ...mailServer, password: 'smtp-secret' });
		const page = await smtpSettingsForPage(db);
		expect(page).toEqual({ ...mailServer, passwordSet: true });
		expect(JSON.stringify(page)).not.toContain('smtp-secret');

		// Saved again without a password (a form does not send it back): the one kept stays.
		await saveSmtpSettings(db, { ...mailServer, port: 587, security: 'starttls' });
		expect(await smtpSettings(db)).toMatchObject({ port: 587, password: 'smtp-secret' });
		await saveSmtpSettings(db, { ...mailServer, password: null });
		expect((await smtpSettings(db))?.password).toBeNull();
		expect((await smtpSettingsForPage(db))?.passwordSet).toBe(false);

		await removeSmtpSettings(db);
		expect(await smtpSettings(db)).toBeNull();
	});

	it('refuse what cannot be a mail server', async () => {
		await expect(saveSmtpSettings(db, { ...mailServer, host: ' ' })).rejects.toThrow();
		await expect(saveSmtpSettings(db, { ...mailServer, port: 70_000 })).rejects.toThrow();
		await expect(saveSmtpSettings(db, { ...mailServer, fromAddress: 'nobody' })).rejects.toThrow();
		expect(await smtpSettings(db)).toBeNull();
	});
});

describe("a council's group robots", () => {
	const wecomUrl = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0';

	it('are kept whole for sending and shown masked, each council its own', async () => {
		const { councilId, otherCouncilId } = await twoCouncils(db);
		const wecom = await addWebhook(db, councilId, {
			kind: 'wecom',
			url: wecomUrl,
			label: '联席会群'
		});
		const dingtalk = await addWebhook(db, councilId, {
			kind: 'dingtalk',
			url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789',
			secret: 'SECsigning',
			label: '钉钉群'
		});
		expect(await webhookForSending(db, dingtalk)).toMatchObject({
			councilId,
			kind: 'dingtalk',
			secret: 'SECsigning',
			enabled: true
		});
		const shown = await councilWebhooks(db, councilId);
		// Oldest first; these two were made within the same millisecond.
		expect(shown.map((w) => [w.id, w.url, w.hasSecret]).sort()).toEqual(
			[
				[wecom, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…', false],
				[dingtalk, 'https://oapi.dingtalk.com/robot/send?access_token=abcd…', true]
			].sort()
		);
		expect(JSON.stringify(shown)).not.toContain('SECsigning');
		expect(await councilWebhooks(db, otherCouncilId)).toEqual([]);

		// Another council cannot change or remove them by their ids.
		expect(await updateWebhook(db, otherCouncilId, wecom, { enabled: false })).toBe(false);
		await removeWebhook(db, otherCouncilId, wecom);
		expect((await webhookForSending(db, wecom))?.enabled).toBe(true);

		expect(await updateWebhook(db, councilId, wecom, { enabled: false, label: '旧群' })).toBe(true);
		expect(await webhookForSending(db, wecom)).toMatchObject({ enabled: false, label: '旧群' });
		await updateWebhook(db, councilId, dingtalk, { secret: null });
		expect((await webhookForSending(db, dingtalk))?.secret).toBeNull();
		await removeWebhook(db, councilId, wecom);
		expect(await webhookForSending(db, wecom)).toBeNull();
	});

	it('take only http(s) URLs', async () => {
		const { councilId } = await twoCouncils(db);
		for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'gopher://x', 'qyapi'])
			await expect(addWebhook(db, councilId, { kind: 'wecom', url })).rejects.toThrow();
		const id = await addWebhook(db, councilId, { kind: 'wecom', url: wecomUrl });
		await expect(updateWebhook(db, councilId, id, { url: 'file:///x' })).rejects.toThrow();
		expect((await webhookForSending(db, id))?.url).toBe(wecomUrl);
	});

	it('mask a URL without its password either', () => {
		expect(maskedUrl('https://user:pw@robot.example/send?key=0123456789&x=1')).toBe(
			'https://robot.example/send?key=0123…&x=…'
		);
	});
});
