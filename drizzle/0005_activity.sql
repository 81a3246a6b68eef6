CREATE TABLE `activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`board_id` text NOT NULL,
	`room` text NOT NULL,
	`unit_id` text,
	`user_id` text,
	`at` integer NOT NULL,
	`list` text NOT NULL,
	`action` text NOT NULL,
	`item_id` text NOT NULL,
	`title` text NOT NULL,
	`fields` text NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `activity_board_idx` ON `activity` (`board_id`,`at`);--> statement-breakpoint
CREATE TABLE `activity_cursors` (
	`room` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`state` blob NOT NULL
);
