CREATE TABLE `check_in_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_in_codes_meeting_idx` ON `check_in_codes` (`board_id`,`meeting_id`);--> statement-breakpoint
ALTER TABLE `boards` ADD `previous_board_id` text REFERENCES boards(id) ON DELETE set null;