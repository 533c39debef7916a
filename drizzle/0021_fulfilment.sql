CREATE TABLE "order_exceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"order_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"shipment_id" uuid,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_label" text,
	"owner_user_id" uuid,
	"deadline" timestamp with time zone NOT NULL,
	"resolution" text,
	"resolution_note" text,
	"refund_fen" bigint,
	"claim_fen" bigint,
	"reship_shipment_id" uuid,
	"opened_by_label" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_by_label" text,
	"resolved_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_exceptions_no_unique" UNIQUE("no")
);
--> statement-breakpoint
CREATE TABLE "carrier_agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"carrier_id" uuid NOT NULL,
	"no" text NOT NULL,
	"terms" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "carrier_agreements_no_unique" UNIQUE("no")
);
--> statement-breakpoint
CREATE TABLE "carriers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"tracking_pattern" text NOT NULL,
	"tracking_example" text NOT NULL,
	"tracking" text DEFAULT 'aggregator' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"contact" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "carriers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "shipment_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "shipment_lines_positive" CHECK ("shipment_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipment_parcels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"weight_grams" integer NOT NULL,
	"tracking_no" text,
	CONSTRAINT "shipment_parcels_seq_uq" UNIQUE("shipment_id","seq"),
	CONSTRAINT "shipment_parcels_weight" CHECK ("shipment_parcels"."weight_grams" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipment_picks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_line_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"batch_no" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "shipment_picks_positive" CHECK ("shipment_picks"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"order_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"carrier_id" uuid NOT NULL,
	"tracking_no" text NOT NULL,
	"status" text NOT NULL,
	"warehouse_id" uuid,
	"outbound_id" uuid,
	"destination_province" text NOT NULL,
	"promised_by" timestamp with time zone,
	"agreement_id" uuid,
	"weight_grams" integer NOT NULL,
	"shipped_by_label" text NOT NULL,
	"shipped_at" timestamp with time zone NOT NULL,
	"last_event_at" timestamp with time zone,
	"last_event_text" text,
	"delivered_at" timestamp with time zone,
	"reship_of_case_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shipments_no_unique" UNIQUE("no"),
	CONSTRAINT "shipments_waybill_uq" UNIQUE("carrier_id","tracking_no")
);
--> statement-breakpoint
CREATE TABLE "tracking_callbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"adapter" text NOT NULL,
	"tracking_no" text,
	"carrier_code" text,
	"outcome" text NOT NULL,
	"events_added" integer DEFAULT 0 NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"location" text,
	"source" text NOT NULL,
	"recorded_by_label" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracking_events_uq" UNIQUE("shipment_id","at","kind","text")
);
--> statement-breakpoint
CREATE TABLE "merchant_breaches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requirement" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"detail" text,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "merchant_breaches_uq" UNIQUE("kind","subject_id")
);
--> statement-breakpoint
CREATE TABLE "buyer_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"buyer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "buyer_notices_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "quality_samplings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"plan" text NOT NULL,
	"standard" text,
	"planned_on" date NOT NULL,
	"sample_size" integer,
	"sampled_at" timestamp with time zone,
	"status" text NOT NULL,
	"findings" text,
	"report_key" text,
	"report_name" text,
	"decided_by_label" text,
	"decided_at" timestamp with time zone,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_samplings_no_unique" UNIQUE("no")
);
--> statement-breakpoint
CREATE TABLE "recall_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recall_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recall_notices_uq" UNIQUE("recall_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "recalls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"sampling_id" uuid,
	"reason" text NOT NULL,
	"instructions" text NOT NULL,
	"status" text NOT NULL,
	"buyers_notified" integer DEFAULT 0 NOT NULL,
	"units_shipped" integer DEFAULT 0 NOT NULL,
	"opened_by_label" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closing_note" text,
	CONSTRAINT "recalls_no_unique" UNIQUE("no")
);
--> statement-breakpoint
CREATE TABLE "escrow_releases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"released_fen" bigint NOT NULL,
	"commission_fen" bigint NOT NULL,
	"payable_fen" bigint NOT NULL,
	"commission_lines" jsonb NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escrow_releases_order_id_unique" UNIQUE("order_id")
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"statement_id" uuid,
	"amount_fen" bigint NOT NULL,
	"provider" text NOT NULL,
	"provider_ref" text,
	"status" text NOT NULL,
	"failure_reason" text,
	"requested_by_label" text NOT NULL,
	"request_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "payouts_no_unique" UNIQUE("no"),
	CONSTRAINT "payouts_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_differences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"line_kind" text NOT NULL,
	"no" text NOT NULL,
	"provider_txn_id" text,
	"our_fen" bigint,
	"provider_fen" bigint,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"provider_lines" integer NOT NULL,
	"our_lines" integer NOT NULL,
	"matched" integer NOT NULL,
	"differences" integer NOT NULL,
	"provider_total_fen" bigint NOT NULL,
	"our_total_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"error" text,
	"ran_by_label" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reconciliation_runs_day_uq" UNIQUE("provider","day")
);
--> statement-breakpoint
CREATE TABLE "settlement_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"orders" integer NOT NULL,
	"gross_fen" bigint NOT NULL,
	"refunds_fen" bigint NOT NULL,
	"commission_fen" bigint NOT NULL,
	"net_fen" bigint NOT NULL,
	"opening_fen" bigint NOT NULL,
	"paid_out_fen" bigint NOT NULL,
	"closing_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "settlement_statements_no_unique" UNIQUE("no"),
	CONSTRAINT "settlement_statements_period_uq" UNIQUE("merchant_id","period_start")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "receipt_extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_exceptions" ADD CONSTRAINT "order_exceptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_exceptions" ADD CONSTRAINT "order_exceptions_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_exceptions" ADD CONSTRAINT "order_exceptions_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_agreements" ADD CONSTRAINT "carrier_agreements_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_parcels" ADD CONSTRAINT "shipment_parcels_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_picks" ADD CONSTRAINT "shipment_picks_shipment_line_id_shipment_lines_id_fk" FOREIGN KEY ("shipment_line_id") REFERENCES "public"."shipment_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_picks" ADD CONSTRAINT "shipment_picks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_picks" ADD CONSTRAINT "shipment_picks_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_picks" ADD CONSTRAINT "shipment_picks_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_outbound_id_outbound_documents_id_fk" FOREIGN KEY ("outbound_id") REFERENCES "public"."outbound_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_agreement_id_carrier_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."carrier_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_breaches" ADD CONSTRAINT "merchant_breaches_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_notices" ADD CONSTRAINT "buyer_notices_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_samplings" ADD CONSTRAINT "quality_samplings_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_samplings" ADD CONSTRAINT "quality_samplings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_samplings" ADD CONSTRAINT "quality_samplings_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_notices" ADD CONSTRAINT "recall_notices_recall_id_recalls_id_fk" FOREIGN KEY ("recall_id") REFERENCES "public"."recalls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_notices" ADD CONSTRAINT "recall_notices_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_notices" ADD CONSTRAINT "recall_notices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recalls" ADD CONSTRAINT "recalls_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recalls" ADD CONSTRAINT "recalls_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recalls" ADD CONSTRAINT "recalls_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recalls" ADD CONSTRAINT "recalls_sampling_id_quality_samplings_id_fk" FOREIGN KEY ("sampling_id") REFERENCES "public"."quality_samplings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_releases" ADD CONSTRAINT "escrow_releases_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_releases" ADD CONSTRAINT "escrow_releases_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_statement_id_settlement_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "reconciliation_differences_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD CONSTRAINT "settlement_statements_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_exceptions_queue_idx" ON "order_exceptions" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "order_exceptions_order_idx" ON "order_exceptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_exceptions_merchant_idx" ON "order_exceptions" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "order_exceptions_shipment_idx" ON "order_exceptions" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "carrier_agreements_carrier_idx" ON "carrier_agreements" USING btree ("carrier_id","valid_from");--> statement-breakpoint
CREATE INDEX "shipment_lines_shipment_idx" ON "shipment_lines" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "shipment_lines_line_idx" ON "shipment_lines" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "shipment_picks_batch_idx" ON "shipment_picks" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "shipment_picks_line_idx" ON "shipment_picks" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "shipments_merchant_idx" ON "shipments" USING btree ("merchant_id","shipped_at");--> statement-breakpoint
CREATE INDEX "shipments_carrier_idx" ON "shipments" USING btree ("carrier_id","shipped_at");--> statement-breakpoint
CREATE INDEX "shipments_status_idx" ON "shipments" USING btree ("status","promised_by");--> statement-breakpoint
CREATE INDEX "tracking_callbacks_received_idx" ON "tracking_callbacks" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "tracking_events_shipment_idx" ON "tracking_events" USING btree ("shipment_id","at");--> statement-breakpoint
CREATE INDEX "merchant_breaches_merchant_idx" ON "merchant_breaches" USING btree ("merchant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "buyer_notices_buyer_idx" ON "buyer_notices" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "quality_samplings_batch_idx" ON "quality_samplings" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "quality_samplings_merchant_idx" ON "quality_samplings" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "recall_notices_buyer_idx" ON "recall_notices" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "recalls_batch_idx" ON "recalls" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "escrow_releases_merchant_idx" ON "escrow_releases" USING btree ("merchant_id","released_at");--> statement-breakpoint
CREATE INDEX "payouts_merchant_idx" ON "payouts" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "reconciliation_differences_run_idx" ON "reconciliation_differences" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "settlement_statements_merchant_idx" ON "settlement_statements" USING btree ("merchant_id","period_start");--> statement-breakpoint
CREATE INDEX "orders_ship_by_idx" ON "orders" USING btree ("status","ship_by");--> statement-breakpoint
CREATE INDEX "orders_confirm_by_idx" ON "orders" USING btree ("status","confirm_by");--> statement-breakpoint
CREATE SEQUENCE shipment_no_seq;--> statement-breakpoint
-- O8: shipments, their picks and tracking, escrow releases and exception cases are part of
-- the order's record and are kept as long as the order.
CREATE OR REPLACE FUNCTION trade_refuse_early_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE keep timestamptz;
BEGIN
  IF TG_TABLE_NAME IN ('orders', 'payments') THEN
    keep := OLD.retain_until;
  ELSIF TG_TABLE_NAME IN ('order_lines', 'order_events', 'refunds', 'shipments', 'shipment_lines', 'shipment_picks', 'escrow_releases', 'order_exceptions') THEN
    SELECT retain_until INTO keep FROM orders WHERE id = OLD.order_id;
  ELSIF TG_TABLE_NAME = 'tracking_events' THEN
    SELECT o.retain_until INTO keep FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = OLD.shipment_id;
  ELSIF TG_TABLE_NAME = 'payment_notifications' THEN
    SELECT retain_until INTO keep FROM payments WHERE id = OLD.payment_id;
    IF OLD.payment_id IS NULL THEN keep := OLD.received_at + interval '3 years'; END IF;
  END IF;
  IF keep IS NULL OR keep > now() THEN
    RAISE EXCEPTION '% records are kept until % (E-Commerce Law art. 31): delete refused', TG_TABLE_NAME, coalesce(keep::text, 'the trade ends and the retention period passes') USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER shipments_retained BEFORE DELETE ON shipments FOR EACH ROW EXECUTE FUNCTION trade_refuse_early_delete();--> statement-breakpoint
CREATE TRIGGER shipment_lines_retained BEFORE DELETE ON shipment_lines FOR EACH ROW EXECUTE FUNCTION trade_refuse_early_delete();--> statement-breakpoint
CREATE TRIGGER shipment_picks_retained BEFORE DELETE ON shipment_picks FOR EACH ROW EXECUTE FUNCTION trade_refuse_early_delete();--> statement-breakpoint
CREATE TRIGGER tracking_events_retained BEFORE DELETE ON tracking_events FOR EACH ROW EXECUTE FUNCTION trade_refuse_early_delete();--> statement-breakpoint
CREATE TRIGGER escrow_releases_retained BEFORE DELETE ON escrow_releases FOR EACH ROW EXECUTE FUNCTION trade_refuse_early_delete();--> statement-breakpoint
CREATE TRIGGER order_exceptions_retained BEFORE DELETE ON order_exceptions FOR EACH ROW EXECUTE FUNCTION trade_refuse_early_delete();--> statement-breakpoint
-- What happened stays as it happened: picks, tracking events and releases are never rewritten.
CREATE TRIGGER shipment_picks_append_only BEFORE UPDATE ON shipment_picks FOR EACH ROW EXECUTE FUNCTION trade_refuse_change();--> statement-breakpoint
CREATE TRIGGER tracking_events_append_only BEFORE UPDATE ON tracking_events FOR EACH ROW EXECUTE FUNCTION trade_refuse_change();--> statement-breakpoint
CREATE TRIGGER escrow_releases_append_only BEFORE UPDATE ON escrow_releases FOR EACH ROW EXECUTE FUNCTION trade_refuse_change();--> statement-breakpoint
CREATE TRIGGER merchant_breaches_append_only BEFORE UPDATE OR DELETE ON merchant_breaches FOR EACH ROW EXECUTE FUNCTION trade_refuse_change();
--> statement-breakpoint
-- L1: the carriers every installation starts with; agreements with them are the operator's.
INSERT INTO "carriers" ("id", "code", "name", "name_en", "tracking_pattern", "tracking_example", "tracking", "created_at", "updated_at") VALUES
  ('0193f000-0000-7000-8021-000000000001', 'shunfeng', '顺丰速运', 'SF Express', '^SF\d{13}$', 'SF1234567890123', 'aggregator', now(), now()),
  ('0193f000-0000-7000-8021-000000000002', 'zhongtong', '中通快递', 'ZTO Express', '^(7\d{13}|\d{12})$', '73100012345678', 'aggregator', now(), now()),
  ('0193f000-0000-7000-8021-000000000003', 'yuantong', '圆通速递', 'YTO Express', '^YT\d{13}$', 'YT1234567890123', 'aggregator', now(), now()),
  ('0193f000-0000-7000-8021-000000000004', 'yunda', '韵达快递', 'Yunda Express', '^\d{13,15}$', '4312345678901', 'aggregator', now(), now()),
  ('0193f000-0000-7000-8021-000000000005', 'ems', '中国邮政EMS', 'China Post EMS', '^(E[A-Z]\d{9}CN|1\d{12})$', '1123456789012', 'aggregator', now(), now()),
  ('0193f000-0000-7000-8021-000000000006', 'jd', '京东物流', 'JD Logistics', '^JD[A-Z0-9]{13}$', 'JDVA01234567890', 'aggregator', now(), now()),
  ('0193f000-0000-7000-8021-000000000007', 'local', '同城配送', 'Local courier', '^[A-Z0-9][A-Z0-9-]{3,31}$', 'LOCAL-0001', 'manual', now(), now());
