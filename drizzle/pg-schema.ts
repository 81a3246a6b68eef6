// The PostgreSQL schema is not written by hand: it is schema.ts said again in PostgreSQL's types,
// by the few rewrites below, so that a column is added in one place and both stores get it. Each
// rule maps one SQLite column kind to its PostgreSQL twin with the same JavaScript values (a Date, a
// boolean, a Buffer, parsed JSON); a kind no rule knows stops the generation instead of slipping
// through. `npm run db:generate` runs it before drizzle-kit; a test keeps the output current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../src/lib/server/db/schema.ts', import.meta.url));
const TARGET = fileURLToPath(new URL('../src/lib/server/db/schema-pg.ts', import.meta.url));

const HEADER = `// Generated from schema.ts by drizzle/pg-schema.ts (npm run db:generate): do not edit.
// The same tables in PostgreSQL's types, with the same JavaScript values.
`;

const PG_IMPORTS = `import {
	pgTable,
	text,
	integer,
	boolean,
	timestamp,
	customType,
	primaryKey,
	index,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';

import { storable } from './storable.ts';

/** Binary data as a Buffer, as better-sqlite3 gives a blob (drizzle has no bytea of its own). */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
	dataType: () => 'bytea',
	toDriver: (value) =>
		Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)
});

/** JSON as jsonb, made storable first (a NUL or a lone surrogate, which SQLite keeps, would make
 *  PostgreSQL refuse the row); node-postgres gives it back parsed. */
const jsonb = customType<{ data: unknown; driverData: string }>({
	dataType: () => 'jsonb',
	toDriver: (value) => JSON.stringify(storable(value))
});`;

const RULES: [RegExp, string][] = [
	[/import \{[^}]*\} from 'drizzle-orm\/sqlite-core';/, PG_IMPORTS],
	[/\bsqliteTable\(/g, 'pgTable('],
	// Milliseconds since the epoch become an instant to the millisecond.
	[
		/\binteger\(('[a-z_]+'), \{ mode: 'timestamp_ms' \}\)/g,
		'timestamp($1, { precision: 3, withTimezone: true })'
	],
	[/\binteger\(('[a-z_]+'), \{ mode: 'boolean' \}\)/g, 'boolean($1)'],
	[/\bblob\(('[a-z_]+'), \{ mode: 'buffer' \}\)/g, 'bytea($1)'],
	[/\btext\(('[a-z_]+'), \{ mode: 'json' \}\)/g, 'jsonb($1)'],
	[/\.primaryKey\(\{ autoIncrement: true \}\)/g, '.primaryKey().generatedByDefaultAsIdentity()'],
	[/\bAnySQLiteColumn\b/g, 'AnyPgColumn']
];

/** Any SQLite-only kind left after the rules: a column the rules do not know yet. */
const LEFT_OVER =
	/sqlite|SQLite|\bblob\(|mode: '(timestamp|timestamp_ms|boolean|json|buffer|bigint)'/;

export function pgSchemaSource(sqliteSource: string): string {
	let out = sqliteSource;
	for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
	const code = (line: string) => !/^\s*(\/\/|\/\*|\*)/.test(line);
	const left = out.split('\n').find((line) => code(line) && LEFT_OVER.test(line));
	if (left)
		throw new Error(`schema.ts has a column kind drizzle/pg-schema.ts cannot say: ${left.trim()}`);
	return HEADER + out;
}

export const pgSchemaFiles = { source: SOURCE, target: TARGET };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	writeFileSync(TARGET, pgSchemaSource(readFileSync(SOURCE, 'utf8')));
	console.log(`wrote ${TARGET}`);
}
