// The relational part of Gongjian. Board *content* lives in Yjs documents, persisted as an
// append-only update log (docUpdates) folded now and then into one state row per room (docStates).
import { sqliteTable, text, integer, blob, primaryKey, index } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

/** Sessions as the Lucia guide describes: the id is the SHA-256 of the token the browser holds. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const councils = sqliteTable('councils', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	community: text('community').notNull(),
	createdAt: createdAt()
});

export const boards = sqliteTable(
	'boards',
	{
		id: text('id').primaryKey(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		period: text('period').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('boards_council_idx').on(t.councilId)]
);

export const ROLES = ['secretary', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const memberships = sqliteTable(
	'memberships',
	{
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.councilId, t.userId] }), index('memberships_user_idx').on(t.userId)]
);

/** Append-only log of accepted Yjs updates, one row per update, written before it is relayed. */
export const docUpdates = sqliteTable(
	'doc_updates',
	{
		room: text('room').notNull(),
		seq: integer('seq').notNull(),
		data: blob('data', { mode: 'buffer' }).notNull(),
		userId: text('user_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.room, t.seq] })]
);

/** The log folded up to `seq`: loading a room reads this row and the log rows after it. The state
 *  vector is kept beside the state so that a room can greet clients before decoding the state. */
export const docStates = sqliteTable('doc_states', {
	room: text('room').primaryKey(),
	data: blob('data', { mode: 'buffer' }).notNull(),
	stateVector: blob('state_vector', { mode: 'buffer' }),
	seq: integer('seq').notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});
