// Email over SMTP, with Nodemailer (the Node ecosystem's standard client: maintained for over a
// decade, no dependencies, its own types): one connection per message, closed after, so that a
// change to the settings counts from the next message on. The message goes as plain text with a
// simple HTML alternative; Nodemailer encodes a Chinese subject and sender name (RFC 2047) and the
// bodies (UTF-8, quoted-printable or Base64). Its errors say whether the server refused for good:
// a 5xx reply (a recipient that does not exist, a refused login) is not retried, a 4xx reply or a
// server that cannot be reached is.
import { createTransport, type NodemailerError } from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import type { SmtpSecurity } from '../../db/schema.ts';
import { DeliveryError } from './error.ts';
import type { DeliveryMessage } from './message.ts';

/** What sending needs of the installation's mail server (notify/settings.ts keeps it). */
export interface SmtpSettings {
	host: string;
	port: number;
	security: SmtpSecurity;
	user: string | null;
	password: string | null;
	fromAddress: string;
	fromName: string;
}

export interface EmailOptions {
	signal?: AbortSignal;
	/** More TLS options, for a test to trust the certificate it made (`ca`). The app never sets it:
	 *  a server's certificate is checked as usual. */
	tls?: ConnectionOptions;
}

/** Failures that say the settings or the message are wrong, not that the server is away. */
const SETTINGS_WRONG = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'ETLS', 'EENVELOPE', 'EMESSAGE']);

export async function sendEmail(
	settings: SmtpSettings,
	to: string,
	message: DeliveryMessage,
	options: EmailOptions = {}
): Promise<void> {
	if (!isEmailAddress(to)) throw new DeliveryError('not an email address', { retry: false });
	const transport = createTransport({
		host: settings.host,
		port: settings.port,
		secure: settings.security === 'tls',
		requireTLS: settings.security === 'starttls',
		ignoreTLS: settings.security === 'none',
		auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000,
		tls: options.tls,
		// The message is ours, but nothing in it may make the server read a file or fetch a URL.
		disableFileAccess: true,
		disableUrlAccess: true
	});
	try {
		await transport.sendMail({
			from: { name: settings.fromName, address: settings.fromAddress },
			to,
			subject: message.title,
			text: emailText(message),
			html: emailHtml(message),
			signal: options.signal
		});
	} catch (err) {
		throw smtpFailure(err);
	} finally {
		transport.close();
	}
}

/** Roughly an address (something@somewhere): what is really deliverable the server says. */
export function isEmailAddress(text: string): boolean {
	return /^[^\s@<>"]+@[^\s@<>"]+$/.test(text);
}

export function emailText(message: DeliveryMessage): string {
	const link = message.link ? `\n\n${message.link.label}: ${message.link.url}` : '';
	return `${message.text}${link}\n`;
}

/** The text in paragraphs (a blank line between them) and lines, and the link, escaped. */
export function emailHtml(message: DeliveryMessage): string {
	const paragraphs = message.text
		.split(/\n\s*\n/)
		.filter((p) => p.trim())
		.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`);
	const link = message.link && /^https?:\/\//i.test(message.link.url) ? message.link : null;
	if (link)
		paragraphs.push(`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`);
	return (
		'<!doctype html><html><head><meta charset="utf-8"></head>' +
		'<body style="font-family: sans-serif; line-height: 1.6">' +
		`<h2 style="font-size: 18px">${escapeHtml(message.title)}</h2>${paragraphs.join('')}` +
		'</body></html>'
	);
}

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

function smtpFailure(err: unknown): DeliveryError {
	const failure: NodemailerError = err instanceof Error ? err : new Error(String(err));
	// Set with every SMTP reply: 5xx (but 503) is permanent, 4xx is not.
	const retry =
		failure.permanent !== undefined
			? !failure.permanent
			: !(failure.code && SETTINGS_WRONG.has(failure.code)) && !certificateRefused(failure);
	const said = [failure.code, failure.responseCode, failure.response ?? failure.message];
	return new DeliveryError(`SMTP: ${said.filter(Boolean).join(' ')}`, { retry, cause: err });
}

/** A server whose certificate is not trusted stays so until someone changes it or the settings. */
function certificateRefused(failure: NodemailerError): boolean {
	const code = failure.originalCode ?? failure.code ?? '';
	return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code);
}
