ALTER TABLE `api_clients` ADD `platform_id` integer REFERENCES platforms(id);--> statement-breakpoint
ALTER TABLE `decisions` ADD `offence_number` integer;--> statement-breakpoint
ALTER TABLE `rectification_notices` ADD `answered_by_client_id` integer REFERENCES api_clients(id);--> statement-breakpoint
ALTER TABLE `rectification_notices` ADD `answered_by_user_id` integer REFERENCES users(id);--> statement-breakpoint
-- Nothing has written restore requests before this migration, so the table is rebuilt with its
-- required columns instead of adding NOT NULL columns to existing rows.
DROP TABLE `restore_requests`;--> statement-breakpoint
CREATE TABLE `restore_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tracking_code` text NOT NULL,
	`link_id` integer NOT NULL,
	`verdict_id` integer,
	`requester` text NOT NULL,
	`source` text NOT NULL,
	`api_client_id` integer,
	`raw_url` text NOT NULL,
	`contact` text NOT NULL,
	`explanation` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`submitted_at` text NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` text,
	`review_note` text,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`api_client_id`) REFERENCES `api_clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `restore_requests_tracking_code_unique` ON `restore_requests` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `restore_requests_status_idx` ON `restore_requests` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `restore_requests_verdict_idx` ON `restore_requests` (`verdict_id`,`status`);
