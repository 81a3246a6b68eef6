// The one door from the outbox to the channels: a delivery's channel and target, looked up in the
// settings as they are now (notify/settings.ts), sent by email.ts, wecom.ts or dingtalk.ts. A
// channel that is no longer set up (no mail server, a robot removed or turned off) is a failure
// not worth retrying: what waits for it is given up, recorded, and the in-app notification stays.
import type { Db } from '../../db/index.ts';
import type { DeliveryChannel } from '../../db/schema.ts';
import { smtpSettings, webhookForSending } from '../settings.ts';
import { sendDingtalk } from './dingtalk.ts';
import { sendEmail, type EmailOptions } from './email.ts';
import { DeliveryError } from './error.ts';
import type { DeliveryMessage } from './message.ts';
import { sendWecom } from './wecom.ts';

export interface Outgoing {
	channel: DeliveryChannel;
	/** An email address, or a council robot's id. */
	target: string;
	message: DeliveryMessage;
}

/** Sends one delivery: resolves once the receiver has taken it, or throws a DeliveryError.
 *  `signal` stops it (the worker is stopping). */
export type Send = (delivery: Outgoing, signal: AbortSignal) => Promise<void>;

export function sendByChannel(
	db: Db,
	options: { email?: Omit<EmailOptions, 'signal'> } = {}
): Send {
	return async ({ channel, target, message }, signal) => {
		if (channel === 'email') {
			const settings = await smtpSettings(db);
			if (!settings) throw new DeliveryError('no mail server is set up', { retry: false });
			return sendEmail(settings, target, message, { ...options.email, signal });
		}
		const robot = await webhookForSending(db, target);
		if (!robot || robot.kind !== channel)
			throw new DeliveryError('the group robot was removed', { retry: false });
		if (!robot.enabled) throw new DeliveryError('the group robot is turned off', { retry: false });
		if (channel === 'wecom') return sendWecom(robot.url, message, { signal });
		return sendDingtalk(robot, message, { signal });
	};
}
