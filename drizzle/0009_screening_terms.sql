CREATE TABLE "screening_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"folded" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "screening_terms_folded_unique" UNIQUE("folded")
);
--> statement-breakpoint
ALTER TABLE "screening_terms" ADD CONSTRAINT "screening_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;