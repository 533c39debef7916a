-- The storefront caches its public reads per process (see catalog/shelf-cache.ts) and keys
-- them by this number: any change to what is on sale, its categories, its shops' names or
-- their standing moves it on, in every process at once. A sequence, not a counter row, so
-- that writers never wait for one another; the trigger runs at commit (deferred), so readers
-- rarely see the new number before the new data.
CREATE SEQUENCE storefront_epoch;
--> statement-breakpoint
CREATE FUNCTION storefront_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('storefront_epoch');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER products_storefront_epoch AFTER INSERT OR DELETE OR UPDATE OF
  status, title, category_id, merchant_id, min_price_fen, max_price_fen, live_version_id, attributes, main_image_id, search_tokens, search_latin, listed_at
  ON products DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION storefront_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER categories_storefront_epoch AFTER INSERT OR UPDATE OR DELETE
  ON categories DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION storefront_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER merchants_storefront_epoch AFTER UPDATE OF name, qualification_hold_since
  ON merchants DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION storefront_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER merchant_penalties_storefront_epoch AFTER INSERT OR UPDATE OR DELETE
  ON merchant_penalties DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION storefront_epoch_bump();
