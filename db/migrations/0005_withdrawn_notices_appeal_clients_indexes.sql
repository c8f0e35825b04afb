ALTER TABLE `appeals` ADD `api_client_id` integer REFERENCES api_clients(id);--> statement-breakpoint
CREATE INDEX `appeals_decision_idx` ON `appeals` (`decision_id`);--> statement-breakpoint
ALTER TABLE `rectification_notices` ADD `withdrawn_at` text;--> statement-breakpoint
CREATE INDEX `cases_assignee_idx` ON `cases` (`assignee_id`,`lease_expires_at`);