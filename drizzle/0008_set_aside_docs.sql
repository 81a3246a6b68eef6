CREATE TABLE `set_aside_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room` text NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL,
	`reason` text NOT NULL,
	`set_aside_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `set_aside_docs_room_idx` ON `set_aside_docs` (`room`);