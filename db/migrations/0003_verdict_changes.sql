CREATE TABLE `verdict_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`verdict_id` integer NOT NULL,
	`key_type` text NOT NULL,
	`key` text NOT NULL,
	`level` text NOT NULL,
	`expires_at` text,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdict_changes_key_idx` ON `verdict_changes` (`key_type`,`key`);