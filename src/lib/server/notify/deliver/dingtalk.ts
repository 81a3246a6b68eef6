// 钉钉 group robot (自定义机器人): a markdown message posted to the robot's webhook URL
// (https://oapi.dingtalk.com/robot/send?access_token=…): `{"msgtype":"markdown","markdown":
// {"title":…,"text":…}}`, the title being what the chat list shows. A robot set up with 加签 (a
// signing secret, SEC…) takes only signed requests: `&timestamp=<ms>&sign=<sign>` added to the URL,
// where sign is the Base64 of HMAC-SHA256(secret, timestamp + "\n" + secret), URL-encoded; the
// timestamp must be within an hour of DingTalk's clock.
import { createHmac } from 'node:crypto';
import { markdownOf, truncateUtf8, type DeliveryMessage } from './message.ts';
import { postToRobot, webhookUrl } from './webhook.ts';

/** A cautious cap, well below what DingTalk accepts. */
const TEXT_MAX_BYTES = 16_000;
const TITLE_MAX_BYTES = 200;

/** -1: the system is busy; 130101: sent too fast (20 messages a minute per robot). */
const RETRY_CODES = new Set([-1, 130101]);

export interface DingtalkRobot {
	url: string;
	/** The signing secret (加签), if the robot has one. */
	secret: string | null;
}

/** The signature DingTalk expects for `timestamp` (milliseconds), before URL-encoding. */
export function dingtalkSign(secret: string, timestamp: number): string {
	return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** `url` with the timestamp and signature added (URLSearchParams encodes the Base64's + / =). */
export function signedUrl(url: URL, secret: string, timestamp: number): URL {
	const signed = new URL(url);
	signed.searchParams.set('timestamp', String(timestamp));
	signed.searchParams.set('sign', dingtalkSign(secret, timestamp));
	return signed;
}

export function dingtalkBody(message: DeliveryMessage) {
	return {
		msgtype: 'markdown',
		markdown: {
			title: truncateUtf8(message.title, TITLE_MAX_BYTES),
			// DingTalk's markdown breaks a line only where two spaces end it.
			text: truncateUtf8(markdownOf(message, '  \n'), TEXT_MAX_BYTES)
		}
	};
}

export async function sendDingtalk(
	robot: DingtalkRobot,
	message: DeliveryMessage,
	options: { signal?: AbortSignal; now?: number } = {}
): Promise<void> {
	const url = webhookUrl(robot.url);
	const signed = robot.secret ? signedUrl(url, robot.secret, options.now ?? Date.now()) : url;
	await postToRobot(signed, dingtalkBody(message), RETRY_CODES, { signal: options.signal });
}
