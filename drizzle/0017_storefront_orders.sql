DROP INDEX "products_listed_new_idx";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "main_image_id" uuid;--> statement-breakpoint
CREATE INDEX "products_listed_price_idx" ON "products" USING btree ("status","min_price_fen","id");--> statement-breakpoint
CREATE INDEX "products_listed_sales_idx" ON "products" USING btree ("status","sales_count","id");--> statement-breakpoint
CREATE INDEX "products_listed_new_idx" ON "products" USING btree ("status","listed_at","id");