// drizzle-kit's configuration for PostgreSQL: its migrations, from the generated schema-pg.ts, in drizzle/pg/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema-pg.ts',
	out: './drizzle/pg'
});
