DROP INDEX `audit_events_action_idx`;--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`seq`,`target_id`,`at`);