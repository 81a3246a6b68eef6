// How a channel says a send failed: a DeliveryError, which says whether trying again later is worth
// it. The worker retries the ones that are (the receiver was down, busy, or asked us to slow down)
// and gives up at once on the rest (a bad address, a wrong key, a configuration the receiver
// refuses), since the same message would be refused again.

export class DeliveryError extends Error {
	/** Whether the same message may go through on a later attempt. */
	readonly retry: boolean;

	constructor(message: string, options: { retry: boolean; cause?: unknown }) {
		super(message, { cause: options.cause });
		this.name = 'DeliveryError';
		this.retry = options.retry;
	}
}

/** `err` as a DeliveryError: anything else thrown (a bug, most likely) is worth one more try, since
 *  the attempts are counted and end. */
export function asDeliveryError(err: unknown): DeliveryError {
	if (err instanceof DeliveryError) return err;
	return new DeliveryError(err instanceof Error ? err.message : String(err), {
		retry: true,
		cause: err
	});
}
