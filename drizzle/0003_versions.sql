CREATE TABLE `version_docs` (
	`version_id` text NOT NULL,
	`room` text NOT NULL,
	`unit_id` text,
	`unit_name` text,
	`state` blob NOT NULL,
	PRIMARY KEY(`version_id`, `room`),
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `versions` (
	`id` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `versions_board_idx` ON `versions` (`board_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `boards` ADD `status` text DEFAULT 'draft' NOT NULL;