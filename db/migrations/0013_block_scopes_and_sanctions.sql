ALTER TABLE `decisions` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `provider_sanction` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `verdict_changes` ADD `params` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `expression` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `expression_key` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `required_params` text;--> statement-breakpoint
CREATE INDEX `verdicts_expression_idx` ON `verdicts` (`expression_key`,`lifted_at`);--> statement-breakpoint
-- Verdicts stored before block scopes hold on "this URL" (their link) or on their registrable domain,
-- now keyed by lookup expression. The ld_* functions apply lib/verdicts/expressions.ts
-- (lib/db/migration-functions.ts).
UPDATE `verdicts` SET `expression` = ld_url_expression(l.`canonical_url`), `required_params` = ld_url_params(l.`canonical_url`)
  FROM `links` l WHERE `verdicts`.`scope` = 'url' AND l.`id` = `verdicts`.`link_id`;--> statement-breakpoint
UPDATE `verdicts` SET `expression` = `domain` || '/' WHERE `scope` = 'domain';--> statement-breakpoint
UPDATE `verdicts` SET `expression_key` = ld_sha256(`expression`);--> statement-breakpoint
-- The change feed's keys follow (feed format 2: a mirror of format 1 starts again from since=0).
UPDATE `verdict_changes` SET `key` = v.`expression_key`, `params` = ld_param_keys(v.`required_params`)
  FROM `verdicts` v WHERE v.`id` = `verdict_changes`.`verdict_id`;--> statement-breakpoint
-- Decisions record the scope of the verdict they issued, and the provider sanction beside the level:
-- an L5 decision, or one whose notice carried the sanction (its notice.sent event says so).
UPDATE `decisions` SET `scope` = v.`scope` FROM `verdicts` v WHERE v.`decision_id` = `decisions`.`id`;--> statement-breakpoint
UPDATE `decisions` SET `provider_sanction` = 1 WHERE `level` = 'L5';--> statement-breakpoint
UPDATE `decisions` SET `provider_sanction` = 1 FROM (
  SELECT n.`decision_id` AS `id` FROM `audit_events` e
  JOIN `rectification_notices` n ON n.`id` = CAST(e.`target_id` AS INTEGER)
  WHERE e.`action` = 'notice.sent' AND json_extract(e.`after`, '$.providerSanction') = 1
) s WHERE s.`id` = `decisions`.`id`;
