ALTER TABLE "merchants" ADD COLUMN "service_phone" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "service_email" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "service_hours" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "after_sales_policy" text;