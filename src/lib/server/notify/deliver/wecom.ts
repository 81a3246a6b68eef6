// 企业微信 group robot (群机器人): a markdown message posted to the webhook URL the group's robot
// gives (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…), as its documentation describes:
// `{"msgtype":"markdown","markdown":{"content":…}}`, the content at most 4096 bytes of UTF-8.
import { markdownOf, truncateUtf8, type DeliveryMessage } from './message.ts';
import { postToRobot, webhookUrl } from './webhook.ts';

const CONTENT_MAX_BYTES = 4096;

/** -1: the system is busy; 45009: the robot's limit (20 messages a minute) was reached. */
const RETRY_CODES = new Set([-1, 45009]);

export function wecomBody(message: DeliveryMessage) {
	return {
		msgtype: 'markdown',
		markdown: { content: truncateUtf8(markdownOf(message, '\n'), CONTENT_MAX_BYTES) }
	};
}

export async function sendWecom(
	url: string,
	message: DeliveryMessage,
	options: { signal?: AbortSignal } = {}
): Promise<void> {
	await postToRobot(webhookUrl(url), wecomBody(message), RETRY_CODES, options);
}
