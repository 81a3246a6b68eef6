import pino from 'pino';

/** JSON logs on stdout (pino: fast, structured, the Node standard). LOG_LEVEL sets the level.
 *  `node`: on several nodes, this one's id, in every line. */
export function createLogger(node?: string) {
	return pino({
		level: process.env.LOG_LEVEL ?? 'info',
		base: node ? { app: 'gongjian', node } : { app: 'gongjian' }
	});
}
