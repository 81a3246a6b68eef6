// Runs in each test worker of the PostgreSQL projects: the server the global setup started becomes
// the one tests store in (store.ts), and the one the servers they start are given.
import { inject } from 'vitest';

process.env.TEST_POSTGRES_URL = inject('postgres');
