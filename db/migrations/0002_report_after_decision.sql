DROP INDEX `cases_link_idx`;--> statement-breakpoint
ALTER TABLE `cases` ADD `reopened_at` text;--> statement-breakpoint
CREATE INDEX `cases_link_idx` ON `cases` (`link_id`,`decided_at`);--> statement-breakpoint
ALTER TABLE `reports` ADD `after_decision` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `reports_case_after_decision_idx` ON `reports` (`case_id`,`after_decision`,`created_at`);