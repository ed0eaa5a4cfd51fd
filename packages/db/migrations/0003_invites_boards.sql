ALTER TABLE "sign_in_links" DROP CONSTRAINT "sign_in_links_purpose_check";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "link_id" integer;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD COLUMN "campaign_id" integer;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD COLUMN "team_id" integer;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD COLUMN "station_id" integer;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_link_id_sign_in_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."sign_in_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_link_idx" ON "sessions" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "sign_in_links_campaign_idx" ON "sign_in_links" USING btree ("campaign_id","purpose");--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_purpose_check" CHECK ("sign_in_links"."purpose" in ('setup', 'sign-in', 'invite', 'board', 'pin-code'));