-- M2: the platform's default table of mandatory documents. Administrators edit it in the
-- console; "*" matches any entity type or any business category.
INSERT INTO document_requirements (id, entity_type, category, document_kind) VALUES
  (gen_random_uuid(), 'enterprise', '*', 'business_licence'),
  (gen_random_uuid(), 'enterprise', '*', 'legal_rep_id'),
  (gen_random_uuid(), 'individual', '*', 'business_licence'),
  (gen_random_uuid(), 'individual', '*', 'legal_rep_id'),
  (gen_random_uuid(), '*', 'food', 'food_licence'),
  (gen_random_uuid(), '*', 'tea', 'food_licence'),
  (gen_random_uuid(), '*', 'beauty', 'category_permit'),
  (gen_random_uuid(), '*', 'electronics', 'quality_report'),
  (gen_random_uuid(), '*', 'baby', 'quality_report');
