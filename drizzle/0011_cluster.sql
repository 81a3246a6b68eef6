CREATE TABLE `board_owners` (
	`board_id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`address` text NOT NULL,
	`generation` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_closes` (
	`id` text PRIMARY KEY NOT NULL,
	`who_kind` text NOT NULL,
	`who_id` text NOT NULL,
	`node_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_closes_at_idx` ON `sync_closes` (`at`);