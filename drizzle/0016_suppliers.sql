CREATE TABLE "supplier_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_id" uuid NOT NULL,
	"period" text NOT NULL,
	"quality" integer NOT NULL,
	"price" integer NOT NULL,
	"delivery" integer NOT NULL,
	"service" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"score_tenths" integer NOT NULL,
	"note" text,
	"evaluated_by_label" text NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplier_evaluations_period_uq" UNIQUE("supplier_id","period")
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"address" text,
	"qualifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suppliers_owner_code_uq" UNIQUE NULLS NOT DISTINCT("merchant_id","credit_code")
);
--> statement-breakpoint
ALTER TABLE "supplier_evaluations" ADD CONSTRAINT "supplier_evaluations_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suppliers_merchant_idx" ON "suppliers" USING btree ("merchant_id");