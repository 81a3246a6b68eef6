// Where delivery beyond the page is configured (no pages yet): the installation's mail server, set
// by an administrator, and each council's group robots (企业微信 / 钉钉 群机器人). Secrets are kept as
// they are, since the server must use them (the SMTP password to log in, a webhook URL's key, a
// DingTalk signing secret), but what a page is given has them masked: `smtpSettingsForPage`,
// `councilWebhooks`. Sending reads the full rows (`smtpSettings`, `webhookForSending`).
import { and, asc, eq } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { newId } from '../db/ids.ts';
import { ROBOT_KINDS, SMTP_SECURITY, type RobotKind } from '../db/schema.ts';
import { isEmailAddress, type SmtpSettings } from './deliver/email.ts';
import { isWebhookUrl } from './deliver/webhook.ts';

/** The one row the settings are kept in. */
const SMTP_ROW = 1;

/** What an administrator sets. `password`: a new one; null: none; absent: the one kept stays (a
 *  form does not send the password back). */
export type SmtpSettingsInput = Omit<SmtpSettings, 'password'> & { password?: string | null };

/** The mail server as sending needs it, password included; null when none is set up. */
export async function smtpSettings(db: Db): Promise<SmtpSettings | null> {
	const { smtpSettings: table } = tables(db);
	const row = await first(db.select().from(table).where(eq(table.id, SMTP_ROW)));
	if (!row) return null;
	const { host, port, security, user, password, fromAddress, fromName } = row;
	return { host, port, security, user, password, fromAddress, fromName };
}

/** The mail server as a page may show it: whether a password is kept, never the password. */
export async function smtpSettingsForPage(
	db: Db
): Promise<(Omit<SmtpSettings, 'password'> & { passwordSet: boolean }) | null> {
	const settings = await smtpSettings(db);
	if (!settings) return null;
	const { password, ...shown } = settings;
	return { ...shown, passwordSet: Boolean(password) };
}

export async function saveSmtpSettings(db: Db, input: SmtpSettingsInput): Promise<void> {
	const host = input.host.trim();
	if (!host || /\s/.test(host)) throw new Error('the mail server needs a host name');
	if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65_535)
		throw new Error('the mail server port is 1 to 65535');
	if (!SMTP_SECURITY.includes(input.security)) throw new Error('unknown SMTP security');
	if (!isEmailAddress(input.fromAddress)) throw new Error('the sender address is not an address');
	const values = {
		host,
		port: input.port,
		security: input.security,
		user: input.user?.trim() || null,
		fromAddress: input.fromAddress.trim(),
		fromName: input.fromName.trim(),
		updatedAt: new Date(),
		...(input.password !== undefined ? { password: input.password || null } : {})
	};
	const { smtpSettings: table } = tables(db);
	await db
		.insert(table)
		.values({ id: SMTP_ROW, ...values })
		.onConflictDoUpdate({ target: table.id, set: values });
}

/** Email is no longer sent (what waits in the outbox is given up when its turn comes). */
export async function removeSmtpSettings(db: Db): Promise<void> {
	const { smtpSettings: table } = tables(db);
	await db.delete(table).where(eq(table.id, SMTP_ROW));
}

export interface WebhookInput {
	kind: RobotKind;
	url: string;
	/** DingTalk's signing secret (加签); none for WeCom. */
	secret?: string | null;
	label?: string;
	enabled?: boolean;
}

export interface Webhook {
	id: string;
	councilId: string;
	kind: RobotKind;
	url: string;
	secret: string | null;
	label: string;
	enabled: boolean;
}

/** A council's robot as a page may show it: its URL with the key masked, whether it has a secret. */
export type WebhookForPage = Omit<Webhook, 'url' | 'secret'> & { url: string; hasSecret: boolean };

export async function addWebhook(db: Db, councilId: string, input: WebhookInput): Promise<string> {
	checkWebhook(input);
	const id = newId();
	await db.insert(tables(db).councilWebhooks).values({
		id,
		councilId,
		kind: input.kind,
		url: input.url.trim(),
		secret: input.secret?.trim() || null,
		label: input.label?.trim() ?? '',
		enabled: input.enabled ?? true
	});
	return id;
}

/** Changes what is given; `secret` null removes it, absent keeps it. Only a robot of this council. */
export async function updateWebhook(
	db: Db,
	councilId: string,
	id: string,
	changes: Partial<Omit<WebhookInput, 'kind'>>
): Promise<boolean> {
	if (changes.url !== undefined && !isWebhookUrl(changes.url.trim()))
		throw new Error('a webhook URL is an http or https URL');
	const { councilWebhooks: table } = tables(db);
	const set = {
		...(changes.url !== undefined ? { url: changes.url.trim() } : {}),
		...(changes.secret !== undefined ? { secret: changes.secret?.trim() || null } : {}),
		...(changes.label !== undefined ? { label: changes.label.trim() } : {}),
		...(changes.enabled !== undefined ? { enabled: changes.enabled } : {})
	};
	if (Object.keys(set).length === 0) return true;
	const changed = await db
		.update(table)
		.set(set)
		.where(and(eq(table.id, id), eq(table.councilId, councilId)))
		.returning({ id: table.id });
	return changed.length > 0;
}

export async function removeWebhook(db: Db, councilId: string, id: string): Promise<void> {
	const { councilWebhooks: table } = tables(db);
	await db.delete(table).where(and(eq(table.id, id), eq(table.councilId, councilId)));
}

/** A council's robots, oldest first, as a page may show them. */
export async function councilWebhooks(db: Db, councilId: string): Promise<WebhookForPage[]> {
	const { councilWebhooks: table } = tables(db);
	const found = await db
		.select()
		.from(table)
		.where(eq(table.councilId, councilId))
		.orderBy(asc(table.createdAt), asc(table.id));
	return found.map(({ id, kind, url, secret, label, enabled }) => ({
		id,
		councilId,
		kind,
		url: maskedUrl(url),
		hasSecret: Boolean(secret),
		label,
		enabled
	}));
}

/** A robot as sending needs it, URL and secret included. */
export async function webhookForSending(db: Db, id: string): Promise<Webhook | null> {
	const { councilWebhooks: table } = tables(db);
	const row = await first(db.select().from(table).where(eq(table.id, id)));
	if (!row) return null;
	const { councilId, kind, url, secret, label, enabled } = row;
	return { id, councilId, kind, url, secret, label, enabled };
}

/** The URL with each query value (where the robots keep their key) cut to its first characters,
 *  and without a password. */
export function maskedUrl(url: string): string {
	if (!URL.canParse(url)) return '…';
	const { origin, pathname, searchParams } = new URL(url);
	const query = [...searchParams]
		.map(([name, value]) => `${name}=${value.length > 8 ? value.slice(0, 4) : ''}…`)
		.join('&');
	return `${origin}${pathname}${query ? `?${query}` : ''}`;
}

function checkWebhook(input: WebhookInput): void {
	if (!ROBOT_KINDS.includes(input.kind)) throw new Error('unknown robot kind');
	if (!isWebhookUrl(input.url.trim())) throw new Error('a webhook URL is an http or https URL');
}
