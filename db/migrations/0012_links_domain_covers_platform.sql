DROP INDEX `links_domain_idx`;--> statement-breakpoint
CREATE INDEX `links_domain_idx` ON `links` (`registrable_domain`,`platform_id`);