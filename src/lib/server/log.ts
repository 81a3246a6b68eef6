import pino from 'pino';

/** JSON logs on stdout (pino: fast, structured, the Node standard). LOG_LEVEL sets the level. */
export function createLogger() {
	return pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'gongjian' } });
}
