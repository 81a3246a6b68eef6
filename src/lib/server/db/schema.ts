// The relational part of Gongjian. Board *content* lives in Yjs documents, persisted as an
// append-only update log (docUpdates) folded now and then into one state row per room (docStates).
import { BOARD_STATUSES, type BoardStatus } from '../../board/model/status.ts';
import {
	sqliteTable,
	text,
	integer,
	blob,
	primaryKey,
	index,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import type { FieldChange } from '../../board/reports/diff.ts';
import type { DeliveryMessage } from '../notify/deliver/message.ts';
// The council's roles and unit kinds are shared with the browser; so are notifications' kinds.
import { ROLES, UNIT_KINDS } from '../../council.ts';
import {
	NOTIFICATION_KINDS,
	type NotificationTarget,
	type StoredParams
} from '../../notifications.ts';

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

/** A one-time link an administrator makes for a person to set a new password: the id is the
 *  SHA-256 of the token in the link (as for sessions), so the database alone cannot use it. */
export const passwordResets = sqliteTable(
	'password_resets',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdBy: text('created_by').references((): AnySQLiteColumn => users.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('password_resets_user_idx').on(t.userId)]
);

export const councils = sqliteTable('councils', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	community: text('community').notNull(),
	/** Whether observers may take the plan away as a file (export, print); everyone else always may. */
	observersExport: integer('observers_export', { mode: 'boolean' }).notNull().default(false),
	/** Whether observers may take part in the discussion (comments); everyone else always may. */
	observersComment: integer('observers_comment', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

/** A board's life (src/lib/board/model/status.ts). */
export { BOARD_STATUSES, type BoardStatus };

export const boards = sqliteTable(
	'boards',
	{
		id: text('id').primaryKey(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		period: text('period').notNull(),
		status: text('status', { enum: BOARD_STATUSES }).notNull().default('draft'),
		/** The board this one continues (下一期): its open items were carried over into this one. */
		previousBoardId: text('previous_board_id').references((): AnySQLiteColumn => boards.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(t) => [index('boards_council_idx').on(t.councilId)]
);

/** A council's member units. Each has its own sheet (pledges, claims, commitments) per board. */
export const units = sqliteTable(
	'units',
	{
		id: text('id').primaryKey(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		kind: text('kind', { enum: UNIT_KINDS }).notNull(),
		contactName: text('contact_name').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		/** 联络员: the unit's liaison with the community office. */
		liaison: text('liaison').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('units_council_name_idx').on(t.councilId, t.name)]
);

/** secretary: everything in the council; member: the board document; unit_rep: the board document
 *  and its own unit's sheet; observer: read only. */

/** One role per person per council, so a person represents at most one unit in a council. */
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
		/** The unit represented: set exactly when role is unit_rep. */
		unitId: text('unit_id').references(() => units.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.councilId, t.userId] }),
		index('memberships_user_idx').on(t.userId)
	]
);

/** Invitation links. Like sessions, only the SHA-256 of the link's token is stored: the link is
 *  shown once, when it is made. `maxUses` null means any number of people may use it. */
export const invitations = sqliteTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		tokenHash: text('token_hash').notNull().unique(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		unitId: text('unit_id').references(() => units.id, { onDelete: 'cascade' }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		maxUses: integer('max_uses'),
		uses: integer('uses').notNull().default(0),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('invitations_council_idx').on(t.councilId)]
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

/** Documents the server could not open (a stored state that does not decode, or far larger than a
 *  room may be), moved out of `doc_states`/`doc_updates` row for row so that the room opens again
 *  (empty, or as its board's latest version restores it) and nothing is lost: an administrator sees
 *  them on the admin page. */
export const setAsideDocs = sqliteTable(
	'set_aside_docs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		room: text('room').notNull(),
		/** 'state' (the folded row) or 'update' (a log row). */
		kind: text('kind', { enum: ['state', 'update'] }).notNull(),
		seq: integer('seq').notNull(),
		data: blob('data', { mode: 'buffer' }).notNull(),
		userId: text('user_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		reason: text('reason').notNull(),
		setAsideAt: integer('set_aside_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('set_aside_docs_room_idx').on(t.room)]
);

/** manual: named by a secretary; auto: taken after editing goes idle; agreed: taken when the plan is
 *  agreed; before_restore: the state a restore replaced. Only auto versions thin out with age. */
export const VERSION_KINDS = ['manual', 'auto', 'agreed', 'before_restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A snapshot of all of a board's documents together. */
export const versions = sqliteTable(
	'versions',
	{
		id: text('id').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		kind: text('kind', { enum: VERSION_KINDS }).notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('versions_board_idx').on(t.boardId, t.createdAt)]
);

/** One document of a version: its room, the unit it belonged to (named as it was then), its state. */
export const versionDocs = sqliteTable(
	'version_docs',
	{
		versionId: text('version_id')
			.notNull()
			.references(() => versions.id, { onDelete: 'cascade' }),
		room: text('room').notNull(),
		unitId: text('unit_id'),
		unitName: text('unit_name'),
		state: blob('state', { mode: 'buffer' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.versionId, t.room] })]
);

/** A unit's representative (or a secretary for it) confirms the unit's sheet before the plan is agreed. */
export const confirmations = sqliteTable(
	'confirmations',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.unitId] })]
);

/** The record (留痕) of what is not in the documents' update log: status changes, confirmations,
 *  versions and restores, exports, memberships. `data` is JSON, its shape fixed per type (events.ts). */
export const events = sqliteTable(
	'events',
	{
		id: text('id').primaryKey(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		boardId: text('board_id').references(() => boards.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		type: text('type').notNull(),
		data: text('data', { mode: 'json' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('events_board_idx').on(t.boardId, t.createdAt),
		index('events_council_idx').on(t.councilId, t.createdAt)
	]
);

/** Who changed what in a board's documents, in words a feed can show: summarised from the update
 *  log (with each update's author) when the log is folded, so the record outlives the log rows. */
export const activity = sqliteTable(
	'activity',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		room: text('room').notNull(),
		unitId: text('unit_id'),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		list: text('list').notNull(),
		action: text('action', { enum: ['added', 'removed', 'changed'] }).notNull(),
		itemId: text('item_id').notNull(),
		title: text('title').notNull(),
		/** The fields changed, each with its short value before and after (activity.ts). */
		fields: text('fields', { mode: 'json' }).$type<(string | FieldChange)[]>().notNull()
	},
	// The second: the summariser finds a person's latest entry for an item, to extend it (activity.ts).
	(t) => [
		index('activity_board_idx').on(t.boardId, t.at),
		index('activity_item_idx').on(t.room, t.itemId, t.at)
	]
);

/** How far each room's log has been summarised into `activity`, and the document as of there: the
 *  summariser goes on from this state, and log rows are kept (not folded away) until it has. */
export const activityCursors = sqliteTable('activity_cursors', {
	room: text('room').primaryKey(),
	seq: integer('seq').notNull(),
	state: blob('state', { mode: 'buffer' }).notNull()
});

/** 签到码: the code a meeting's check-in QR code carries, one per meeting, shown on the secretary's
 *  projector view. Kept as it is, not hashed like sessions and invitation links: it is put up on a
 *  wall for the whole room to scan, and must be shown again when the projector page is reopened. It
 *  only lets a unit's representative, signed in, mark that unit present at that meeting, until it
 *  expires or a secretary replaces it. */
export const checkInCodes = sqliteTable(
	'check_in_codes',
	{
		code: text('code').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('check_in_codes_meeting_idx').on(t.boardId, t.meetingId)]
);

/** Where a carried-over item came from, written by 下一期 (next-period.ts) when it makes the next
 *  board: the figures trust this, not the `carriedFrom` a document's writers could set. `unitId` is
 *  '' for the board's own lists (needs, plan) and the unit's id for a commitment of its sheet. */
export const carriedItems = sqliteTable(
	'carried_items',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		list: text('list', { enum: ['needs', 'plan', 'commitments'] }).notNull(),
		unitId: text('unit_id').notNull().default(''),
		itemId: text('item_id').notNull(),
		fromBoardId: text('from_board_id')
			.notNull()
			.references((): AnySQLiteColumn => boards.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.boardId, t.list, t.unitId, t.itemId] })]
);

/** The day a commitment was done as the server saw it: the council's day of the change (its log row's
 *  time) or of the follow-up that marked it done, or a secretary's correction (also in `events`). */
export const doneDays = sqliteTable(
	'done_days',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		unitId: text('unit_id').notNull(),
		itemId: text('item_id').notNull(),
		/** YYYY-MM-DD in the council's time zone. */
		day: text('day').notNull(),
		source: text('source', { enum: ['change', 'follow_up', 'correction'] }).notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.unitId, t.itemId] })]
);

/** 设置码: the first-run setup code, while there are no users. One row (id 1), made by whichever node
 *  starts first on an empty store, printed by every node that starts while it stands, and deleted in
 *  the transaction that creates the administrator (auth/setup.ts), so that it is used once across
 *  all nodes. */
export const setupCode = sqliteTable('setup_code', {
	id: integer('id').primaryKey(),
	code: text('code').notNull(),
	createdAt: createdAt()
});

/** Several nodes (PostgreSQL and Redis: sync/cluster/lease.ts), unused on SQLite: which node owns
 *  each board's rooms, where it is reached, until when, and the generation it took the board under,
 *  the fencing token its writes are checked against. A board given up keeps its row, expired, so
 *  that generations only ever grow. */
export const boardOwners = sqliteTable('board_owners', {
	boardId: text('board_id').primaryKey(),
	nodeId: text('node_id').notNull(),
	address: text('address').notNull(),
	generation: integer('generation').notNull(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
});

/** Several nodes, unused on SQLite (sync/cluster/closes.ts): connections every node must close (a
 *  person's rights changed, a session ended, a board's status changed), written beside the Redis
 *  message that says so, and read by every node twice a second so that a message lost (Redis
 *  restarting) still closes them. Kept for a minute. */
export const syncCloses = sqliteTable(
	'sync_closes',
	{
		/** Made by the node that wrote it, and sent in the Redis message too: whichever reaches a node
		 *  first, the other is known to be the same close. */
		id: text('id').primaryKey(),
		whoKind: text('who_kind', { enum: ['user', 'session', 'board'] }).notNull(),
		whoId: text('who_id').notNull(),
		/** The node the change was made on (it has closed its own already). */
		nodeId: text('node_id').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sync_closes_at_idx').on(t.at)]
);

/** 通知: one person's notifications (notify/notifications.ts), in the app's notification centre
 *  and handed on to delivery (email, group robots) when made. `params` are the values its words
 *  are filled with (an item's title, a unit's name, a date), `target` what it opens. The dedupe key
 *  says which event it tells of (`commitment-due:7:<board>:<unit>:<item>:<due>`, `mention:<comment>`):
 *  unique per person, so that the same notification is made once, whichever node makes it and
 *  however often it is made again (after a restart, by two nodes at once). */
export const notifications = sqliteTable(
	'notifications',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		target: text('target', { mode: 'json' }).$type<NotificationTarget>().notNull(),
		params: text('params', { mode: 'json' }).$type<StoredParams>().notNull(),
		dedupeKey: text('dedupe_key').notNull(),
		createdAt: createdAt(),
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey),
		index('notifications_user_idx').on(t.userId, t.createdAt)
	]
);

/** Several nodes, unused on SQLite (notify/lease.ts): which node runs a job that must run on one
 *  node at a time (the reminders), until when, and the generation it took the job under, the
 *  fencing token the job's writes are checked against in their own transaction. As board_owners,
 *  a job given up keeps its row, expired, so that generations only grow. */
export const jobLeases = sqliteTable('job_leases', {
	job: text('job').primaryKey(),
	nodeId: text('node_id').notNull(),
	generation: integer('generation').notNull(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
});

/** Delivery beyond the page (notify/deliver/): the channels a message can go out on. */
export const DELIVERY_CHANNELS = ['email', 'wecom', 'dingtalk'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** The outbox (notify/deliver/outbox.ts): every message to go out by email or a group robot, kept
 *  until it is sent or given up, so that a failed one is tried again later (on whichever node) and
 *  nothing is lost when a node stops. A node claims a batch of due rows by a conditional update
 *  (`claimed_by`, `claimed_until`); a claim that runs out (the node died mid-send) is taken again.
 *  `next_attempt_at` is null once there is nothing more to do. */
export const deliveries = sqliteTable(
	'deliveries',
	{
		id: text('id').primaryKey(),
		channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
		/** An email address, or the id of a council's robot webhook (`council_webhooks`). */
		target: text('target').notNull(),
		message: text('message', { mode: 'json' }).$type<DeliveryMessage>().notNull(),
		/** The in-app notification this delivers, if any (not a foreign key: it outlives it). */
		notificationId: text('notification_id'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
		claimedBy: text('claimed_by'),
		claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		givenUpAt: integer('given_up_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		index('deliveries_due_idx').on(t.nextAttemptAt),
		index('deliveries_notification_idx').on(t.notificationId)
	]
);

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The installation's mail server, set by an administrator: one row (id 1). The password is kept
 *  as it is (the server must log in with it), and never logged or shown again (notify/settings.ts). */
export const smtpSettings = sqliteTable('smtp_settings', {
	id: integer('id').primaryKey(),
	host: text('host').notNull(),
	port: integer('port').notNull(),
	/** tls: TLS from the first byte (usually port 465); starttls: upgraded after connecting (587);
	 *  none: plain (a relay on the same host or network). */
	security: text('security', { enum: SMTP_SECURITY }).notNull(),
	user: text('user'),
	password: text('password'),
	fromAddress: text('from_address').notNull(),
	fromName: text('from_name').notNull().default(''),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const ROBOT_KINDS = ['wecom', 'dingtalk'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];

/** A council's group robots (企业微信 / 钉钉 群机器人): the webhook URL a group's robot gives, which
 *  holds its key (so it is a secret too), and DingTalk's signing secret (加签) if it has one. */
export const councilWebhooks = sqliteTable(
	'council_webhooks',
	{
		id: text('id').primaryKey(),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ROBOT_KINDS }).notNull(),
		url: text('url').notNull(),
		secret: text('secret'),
		label: text('label').notNull().default(''),
		enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [index('council_webhooks_council_idx').on(t.councilId)]
);
