// schema-pg.ts is made from schema.ts (drizzle/pg-schema.ts): it must be what the generator makes of
// today's schema.ts, so that no column is added to one store and not the other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { pgSchemaFiles, pgSchemaSource } from '../../../../drizzle/pg-schema.ts';
import * as sqlite from './schema.ts';
import * as pg from './schema-pg.ts';
import { is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PgTable } from 'drizzle-orm/pg-core';

describe('the PostgreSQL schema', () => {
	it('is generated from schema.ts as it is now (npm run db:generate)', () => {
		expect(readFileSync(pgSchemaFiles.target, 'utf8')).toBe(
			pgSchemaSource(readFileSync(pgSchemaFiles.source, 'utf8'))
		);
	});

	it('has the same tables, columns, keys and indexes', () => {
		const shape = (config: {
			name: string;
			columns: { name: string; notNull: boolean; primary: boolean }[];
			indexes: { config: { name?: string } }[];
			primaryKeys: { columns: { name: string }[] }[];
			foreignKeys: unknown[];
		}) => ({
			name: config.name,
			columns: config.columns.map((c) => [c.name, c.notNull, c.primary]),
			indexes: config.indexes.map((i) => i.config.name),
			primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
			foreignKeys: config.foreignKeys.length
		});
		const tablesOf = (module: Record<string, unknown>, kind: 'sqlite' | 'pg') =>
			Object.entries(module)
				.filter(([, v]) => (kind === 'sqlite' ? is(v, SQLiteTable) : is(v, PgTable)))
				.map(([key, v]) => [
					key,
					kind === 'sqlite' ? shape(sqliteConfig(v as SQLiteTable)) : shape(pgConfig(v as PgTable))
				]);
		const ours = tablesOf(sqlite, 'sqlite');
		expect(ours.length).toBeGreaterThan(15);
		expect(tablesOf(pg, 'pg')).toEqual(ours);
	});
});
