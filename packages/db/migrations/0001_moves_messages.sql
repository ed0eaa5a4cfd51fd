CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"audience_kind" text NOT NULL,
	"audience_id" integer,
	"body" text NOT NULL,
	"sender_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_audience_check" CHECK ("messages"."audience_kind" in ('team','station','on_duty') and ("messages"."audience_kind" = 'on_duty') = ("messages"."audience_id" is null)),
	CONSTRAINT "messages_body_check" CHECK (char_length("messages"."body") between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "moves" (
	"id" uuid NOT NULL,
	"campaign_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"from_assignment_id" integer,
	"from_station_id" integer,
	"from_team_id" integer,
	"to_station_id" integer,
	"to_team_id" integer,
	"reason" text,
	"requested_by_id" integer,
	"activity_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"body_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "moves_id_person_id_pk" PRIMARY KEY("id","person_id"),
	CONSTRAINT "moves_status_check" CHECK ("moves"."status" in ('pending','acknowledged')),
	CONSTRAINT "moves_destination_check" CHECK ("moves"."to_station_id" is not null or "moves"."to_team_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "phone_status" (
	"campaign_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"queue_length" integer NOT NULL,
	"last_sync_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_status_campaign_id_person_id_pk" PRIMARY KEY("campaign_id","person_id"),
	CONSTRAINT "phone_status_queue_check" CHECK ("phone_status"."queue_length" >= 0)
);
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_people_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_from_station_id_stations_id_fk" FOREIGN KEY ("from_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_from_team_id_teams_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_to_station_id_stations_id_fk" FOREIGN KEY ("to_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_to_team_id_teams_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_requested_by_id_people_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_status" ADD CONSTRAINT "phone_status_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_status" ADD CONSTRAINT "phone_status_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_campaign_idx" ON "messages" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_audience_idx" ON "messages" USING btree ("campaign_id","audience_kind","audience_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moves_activity_id" ON "moves" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moves_one_per_placement" ON "moves" USING btree ("campaign_id","person_id",coalesce("from_assignment_id", 0));--> statement-breakpoint
CREATE INDEX "moves_campaign_idx" ON "moves" USING btree ("campaign_id","created_at");