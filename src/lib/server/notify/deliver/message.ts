// What a delivery says, the same whatever carries it: a title, plain text, a link to the item. Each
// channel renders it in its own format (email.ts: text and HTML; wecom.ts, dingtalk.ts: their
// markdown), so that whoever tells someone something writes it once. Kept in the outbox as JSON.

export interface DeliveryMessage {
	/** The email's subject, the robot message's heading. */
	title: string;
	/** Plain text; its line breaks are kept. */
	text: string;
	/** The item it is about, as an absolute URL, and the words it is shown with (查看详情). */
	link?: { url: string; label: string };
	/** Markdown for the group robots instead of what `text` makes (a digest's list, say). */
	markdown?: string;
}

/** `text` cut to at most `bytes` bytes of UTF-8, on a character boundary, with an ellipsis if cut:
 *  the robots count their limits in bytes, and a Chinese character is three. */
export function truncateUtf8(text: string, bytes: number): string {
	const encoder = new TextEncoder();
	if (encoder.encode(text).length <= bytes) return text;
	const ellipsis = '…';
	let budget = bytes - encoder.encode(ellipsis).length;
	let out = '';
	for (const char of text) {
		const size = encoder.encode(char).length;
		if (size > budget) break;
		budget -= size;
		out += char;
	}
	return out + ellipsis;
}

/** The message's own markdown, or its title, text and link said in markdown: `breakLine` is how the
 *  robot wants a line break inside a paragraph. */
export function markdownOf(message: DeliveryMessage, breakLine: string): string {
	if (message.markdown) return message.markdown;
	const parts = [`**${message.title}**`, message.text.split('\n').join(breakLine)];
	if (message.link) parts.push(`[${message.link.label}](${message.link.url})`);
	return parts.filter(Boolean).join('\n\n');
}
