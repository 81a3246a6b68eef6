CREATE TABLE `carried_items` (
	`board_id` text NOT NULL,
	`list` text NOT NULL,
	`unit_id` text DEFAULT '' NOT NULL,
	`item_id` text NOT NULL,
	`from_board_id` text NOT NULL,
	PRIMARY KEY(`board_id`, `list`, `unit_id`, `item_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `done_days` (
	`board_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`item_id` text NOT NULL,
	`day` text NOT NULL,
	`source` text NOT NULL,
	`user_id` text,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`board_id`, `unit_id`, `item_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE INDEX `activity_item_idx` ON `activity` (`room`,`item_id`,`at`);