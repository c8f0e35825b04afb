CREATE TABLE `api_clients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`key_prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`requests_per_minute` integer DEFAULT 600 NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_clients_key_hash_unique` ON `api_clients` (`key_hash`);--> statement-breakpoint
CREATE TABLE `appeals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`appellant` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`submitted_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`note` text,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appeals_status_idx` ON `appeals` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`before` text,
	`after` text,
	`request_id` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_target_idx` ON `audit_events` (`target_type`,`target_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`seq`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`link_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`claimed_category` text NOT NULL,
	`priority` real DEFAULT 0 NOT NULL,
	`assignee_id` integer,
	`lease_expires_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`report_count` integer DEFAULT 0 NOT NULL,
	`opened_at` text NOT NULL,
	`last_report_at` text NOT NULL,
	`escalated_at` text,
	`escalated_by` integer,
	`escalation_note` text,
	`decided_at` text,
	`closed_at` text,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_one_open_per_link_uq` ON `cases` (`link_id`) WHERE status in ('open', 'escalated');--> statement-breakpoint
CREATE INDEX `cases_queue_idx` ON `cases` (`status`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `cases_link_idx` ON `cases` (`link_id`);--> statement-breakpoint
CREATE INDEX `cases_opened_idx` ON `cases` (`opened_at`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`case_version` integer NOT NULL,
	`decider_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`category` text,
	`principle` text,
	`severity` text,
	`level` text NOT NULL,
	`duration_hours` integer,
	`rule_version_id` integer NOT NULL,
	`recommended_level` text,
	`rationale` text,
	`internal_note` text,
	`public_note` text,
	`created_at` text NOT NULL,
	`reversed_at` text,
	`reversed_by` integer,
	`reversal_kind` text,
	`reversal_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decider_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_version_id`) REFERENCES `rule_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_case_version_uq` ON `decisions` (`case_id`,`case_version`);--> statement-breakpoint
CREATE INDEX `decisions_created_idx` ON `decisions` (`created_at`);--> statement-breakpoint
CREATE INDEX `decisions_decider_idx` ON `decisions` (`decider_id`);--> statement-breakpoint
CREATE TABLE `grade_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform_id` integer NOT NULL,
	`grade` text NOT NULL,
	`reason` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grade_overrides_platform_idx` ON `grade_overrides` (`platform_id`,`ends_at`);--> statement-breakpoint
CREATE TABLE `link_variants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`link_id` integer NOT NULL,
	`raw_url` text NOT NULL,
	`stripped_params` text,
	`first_seen_at` text NOT NULL,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `link_variants_link_raw_uq` ON `link_variants` (`link_id`,`raw_url`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`canonical_url` text NOT NULL,
	`url_hash` text NOT NULL,
	`host` text NOT NULL,
	`registrable_domain` text NOT NULL,
	`platform_id` integer,
	`is_short_link` integer DEFAULT false NOT NULL,
	`is_ip_literal` integer DEFAULT false NOT NULL,
	`is_mixed_script` integer DEFAULT false NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_canonical_url_unique` ON `links` (`canonical_url`);--> statement-breakpoint
CREATE UNIQUE INDEX `links_url_hash_unique` ON `links` (`url_hash`);--> statement-breakpoint
CREATE INDEX `links_domain_idx` ON `links` (`registrable_domain`);--> statement-breakpoint
CREATE INDEX `links_platform_idx` ON `links` (`platform_id`);--> statement-breakpoint
CREATE TABLE `platform_domains` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform_id` integer NOT NULL,
	`domain` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `platform_domains_domain_unique` ON `platform_domains` (`domain`);--> statement-breakpoint
CREATE INDEX `platform_domains_platform_idx` ON `platform_domains` (`platform_id`);--> statement-breakpoint
CREATE TABLE `platforms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text NOT NULL,
	`kind` text NOT NULL,
	`is_independent` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `platforms_slug_unique` ON `platforms` (`slug`);--> statement-breakpoint
CREATE TABLE `rating_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform_id` integer NOT NULL,
	`day` text NOT NULL,
	`formula_version` integer NOT NULL,
	`score` real NOT NULL,
	`grade` text NOT NULL,
	`provisional` integer NOT NULL,
	`capped_at_c` integer NOT NULL,
	`violation_rate` real NOT NULL,
	`rectification_rate` real NOT NULL,
	`repeat_rate` real NOT NULL,
	`severity_index` real NOT NULL,
	`decided` integer NOT NULL,
	`confirmed` integer NOT NULL,
	`notices_on_time` integer NOT NULL,
	`notices_due` integer NOT NULL,
	`repeat_cases` integer NOT NULL,
	`severity_sum` integer NOT NULL,
	`computed_at` text NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_snapshots_platform_day_uq` ON `rating_snapshots` (`platform_id`,`day`,`formula_version`);--> statement-breakpoint
CREATE TABLE `rectification_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`decision_id` integer NOT NULL,
	`sent_at` text NOT NULL,
	`deadline_at` text NOT NULL,
	`answered_at` text,
	`answer` text,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_platform_idx` ON `rectification_notices` (`platform_id`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `notices_decision_idx` ON `rectification_notices` (`decision_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tracking_code` text NOT NULL,
	`link_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`raw_url` text NOT NULL,
	`category` text NOT NULL,
	`scene` text NOT NULL,
	`description` text,
	`reporter_hash` text NOT NULL,
	`source` text NOT NULL,
	`api_client_id` integer,
	`idempotency_key` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`api_client_id`) REFERENCES `api_clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_tracking_code_unique` ON `reports` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `reports_created_idx` ON `reports` (`created_at`);--> statement-breakpoint
CREATE INDEX `reports_case_idx` ON `reports` (`case_id`);--> statement-breakpoint
CREATE INDEX `reports_reporter_link_idx` ON `reports` (`reporter_hash`,`link_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_client_idempotency_uq` ON `reports` (`api_client_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `restore_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`link_id` integer NOT NULL,
	`verdict_id` integer,
	`contact` text NOT NULL,
	`explanation` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`submitted_at` text NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` text,
	`review_note` text,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `restore_requests_status_idx` ON `restore_requests` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `rule_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`summary` text NOT NULL,
	`repeat_window_days` integer DEFAULT 180 NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`published_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_versions_version_unique` ON `rule_versions` (`version`);--> statement-breakpoint
CREATE TABLE `rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_version_id` integer NOT NULL,
	`category` text NOT NULL,
	`principle` text NOT NULL,
	`severity` text NOT NULL,
	`ladder` text NOT NULL,
	`allows_domain_block` integer NOT NULL,
	`domain_block_threshold` integer,
	`reason_en` text NOT NULL,
	`reason_zh` text NOT NULL,
	FOREIGN KEY (`rule_version_id`) REFERENCES `rule_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rules_version_category_uq` ON `rules` (`rule_version_id`,`category`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`disabled_at` text,
	`failed_sign_ins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_sign_in_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`link_id` integer,
	`domain` text,
	`level` text NOT NULL,
	`category` text NOT NULL,
	`decision_id` integer NOT NULL,
	`starts_at` text NOT NULL,
	`expires_at` text,
	`lifted_at` text,
	`lifted_reason` text,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdicts_link_idx` ON `verdicts` (`link_id`,`lifted_at`);--> statement-breakpoint
CREATE INDEX `verdicts_domain_idx` ON `verdicts` (`domain`,`lifted_at`);--> statement-breakpoint
CREATE INDEX `verdicts_level_idx` ON `verdicts` (`level`,`lifted_at`,`expires_at`);