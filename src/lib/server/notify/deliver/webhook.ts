// What the two group robots (企业微信 and 钉钉 群机器人) share: one JSON POST to a webhook URL that
// an administrator typed in, answered with `{"errcode":0,"errmsg":"ok"}` when the message went out.
// The URL comes from configuration, so the request is guarded lightly against a URL that points
// somewhere it should not: http(s) only, no redirect followed, a time limit on the whole exchange,
// and no more of the answer read than a robot's answer can be. The URL holds the robot's key: it
// is never put in an error (errors are logged and stored).
import { DeliveryError } from './error.ts';

/** The whole exchange, answer included. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A robot answers in a few dozen bytes; anything longer is not its answer. */
const ANSWER_MAX_BYTES = 16 * 1024;

/** Whether `url` is one a robot webhook may have: absolute, http or https. */
export function isWebhookUrl(url: string): boolean {
	return URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
}

/** `url` parsed, if it may be a robot webhook's; a DeliveryError not worth retrying if not. */
export function webhookUrl(url: string): URL {
	if (!isWebhookUrl(url))
		throw new DeliveryError('the webhook URL must be an http or https URL', { retry: false });
	return new URL(url);
}

/** Posts `body` to the robot at `url` and checks its answer: resolves when `errcode` is 0, throws a
 *  DeliveryError otherwise, one worth retrying when the robot was unreachable, failed (5xx), asked
 *  to slow down (429), or answered one of `retryCodes`. */
export async function postToRobot(
	url: URL,
	body: unknown,
	retryCodes: ReadonlySet<number>,
	options: { signal?: AbortSignal; timeoutMs?: number } = {}
): Promise<void> {
	webhookUrl(url.href);
	const timeout = AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	let status: number;
	let answer: string;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: JSON.stringify(body),
			redirect: 'manual',
			signal
		});
		status = response.status;
		answer = await readCapped(response, ANSWER_MAX_BYTES);
	} catch (err) {
		throw new DeliveryError(`the robot could not be reached: ${reason(err)}`, {
			retry: true,
			cause: err
		});
	}
	if (status === 408 || status === 429 || status >= 500)
		throw new DeliveryError(`the robot answered HTTP ${status}`, { retry: true });
	if (status >= 300)
		throw new DeliveryError(`the robot answered HTTP ${status}; is the webhook URL right?`, {
			retry: false
		});
	const parsed = parseAnswer(answer);
	if (!parsed)
		throw new DeliveryError(`the robot's answer is not one (HTTP ${status})`, { retry: false });
	if (parsed.errcode !== 0)
		throw new DeliveryError(`the robot refused: errcode ${parsed.errcode} ${parsed.errmsg}`, {
			retry: retryCodes.has(parsed.errcode)
		});
}

function parseAnswer(text: string): { errcode: number; errmsg: string } | null {
	try {
		const value: unknown = JSON.parse(text);
		if (!value || typeof value !== 'object' || !('errcode' in value)) return null;
		const errcode = Number(value.errcode);
		if (!Number.isInteger(errcode)) return null;
		const errmsg = 'errmsg' in value ? String(value.errmsg).slice(0, 200) : '';
		return { errcode, errmsg };
	} catch {
		return null;
	}
}

/** The body as text, up to `max` bytes: the rest is not read (the request is dropped). */
async function readCapped(response: Response, max: number): Promise<string> {
	if (!response.body) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		size += value.byteLength;
		if (size > max) {
			await reader.cancel();
			break;
		}
	}
	return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/** Why a request failed, without its URL: fetch's own message says only "fetch failed". */
function reason(err: unknown): string {
	if (!(err instanceof Error)) return String(err);
	if (err.name === 'TimeoutError') return 'no answer in time';
	if (err.name === 'AbortError') return 'stopped';
	const cause = err.cause;
	if (cause && typeof cause === 'object' && 'code' in cause) return String(cause.code);
	return err.message;
}
