// Real PostgreSQL and Redis for a test, each in a temp directory of its own, on a free port, stopped
// and removed after: the starters live in server/engines.ts, which `npm run cluster` uses too.
export {
	freePort,
	startPostgres,
	startRedis,
	type RunningPostgres,
	type RunningRedis
} from '../../server/engines.ts';
