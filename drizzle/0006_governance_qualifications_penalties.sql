CREATE TABLE "operator_profile" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"profile" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_label" text NOT NULL,
	CONSTRAINT "operator_profile_single_row" CHECK ("operator_profile"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "policy_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"author_label" text NOT NULL,
	"author_kind" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_key" text NOT NULL,
	"version" text NOT NULL,
	"title" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"published_by_label" text NOT NULL,
	CONSTRAINT "policy_versions_uq" UNIQUE("document_key","version")
);
--> statement-breakpoint
CREATE TABLE "merchant_penalties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"appeal_by" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"issued_by_label" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"appeal_statement" text,
	"appealed_at" timestamp with time zone,
	"appealed_by_label" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_by_label" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qualification_renewals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"replaces_document_id" uuid,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"file_key" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by_label" text NOT NULL,
	"reason" text,
	"decided_at" timestamp with time zone,
	"decided_by_label" text,
	"document_id" uuid
);
--> statement-breakpoint
CREATE TABLE "reverifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"merchant_note" text,
	"submitted_at" timestamp with time zone,
	"submitted_by_label" text,
	"reason" text,
	"decided_at" timestamp with time zone,
	"decided_by_label" text
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"audience" text NOT NULL,
	"merchant_id" uuid,
	"permission" text,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"due_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "tasks_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "qualification_hold_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "policy_comments" ADD CONSTRAINT "policy_comments_version_id_policy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_comments" ADD CONSTRAINT "policy_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_penalties" ADD CONSTRAINT "merchant_penalties_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_penalties" ADD CONSTRAINT "merchant_penalties_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_penalties" ADD CONSTRAINT "merchant_penalties_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_renewals" ADD CONSTRAINT "qualification_renewals_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_renewals" ADD CONSTRAINT "qualification_renewals_application_id_merchant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."merchant_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_renewals" ADD CONSTRAINT "qualification_renewals_replaces_document_id_application_documents_id_fk" FOREIGN KEY ("replaces_document_id") REFERENCES "public"."application_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_renewals" ADD CONSTRAINT "qualification_renewals_document_id_application_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."application_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reverifications" ADD CONSTRAINT "reverifications_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_comments_version_idx" ON "policy_comments" USING btree ("version_id","created_at");--> statement-breakpoint
CREATE INDEX "policy_versions_key_idx" ON "policy_versions" USING btree ("document_key","effective_from");--> statement-breakpoint
CREATE INDEX "merchant_penalties_merchant_idx" ON "merchant_penalties" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "merchant_penalties_status_idx" ON "merchant_penalties" USING btree ("status","appealed_at");--> statement-breakpoint
CREATE INDEX "qualification_renewals_status_idx" ON "qualification_renewals" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "qualification_renewals_merchant_idx" ON "qualification_renewals" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "reverifications_merchant_idx" ON "reverifications" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "reverifications_status_idx" ON "reverifications" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_merchant_idx" ON "tasks" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "tasks_platform_idx" ON "tasks" USING btree ("audience","status","permission");--> statement-breakpoint
CREATE INDEX "tasks_subject_idx" ON "tasks" USING btree ("subject_type","subject_id");