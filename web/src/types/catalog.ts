// The catalog API's shapes (P1–P4), shared by the storefront, the merchant's product pages
// and the admin console's listing review, category and screening-word pages.

export interface Bilingual {
  zh: string;
  en: string;
}

export type AttributeType = "text" | "number" | "enum" | "date";

export interface AttributeDef {
  key: string;
  name: Bilingual;
  type: AttributeType;
  unit?: string;
  options?: string[];
  required: boolean;
  /** The key of the category that defines it (attributes accumulate down the tree). */
  from?: string;
}

export interface PathStep {
  id: string;
  key: string;
  name: Bilingual;
}

export interface Category {
  id: string;
  key: string;
  parentId: string | null;
  name: Bilingual;
  sort: number;
  active: boolean;
  path: PathStep[];
  businessCategory: string;
  attributes: AttributeDef[];
  requiredPermits: string[];
  returnEligible: boolean;
  commissionBps: number;
  requiresProductionDate: boolean;
  requiresShelfLife: boolean;
}

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

/** What a category sets itself; null: inherited from its parent. */
export interface CategoryOwn {
  attributes: AttributeDef[];
  requiredPermits: string[];
  returnEligible: boolean | null;
  commissionBps: number | null;
  requiresProductionDate: boolean | null;
  requiresShelfLife: boolean | null;
}

/** A node of the console's tree (GET /admin/categories): its own settings beside the effective ones. */
export interface AdminCategoryNode extends Category {
  own: CategoryOwn;
  children: AdminCategoryNode[];
}

export interface ImageUrls {
  thumb: string;
  medium: string;
  large: string;
}

export interface Sku {
  code: string;
  options: Record<string, string>;
  priceFen: number;
  barcode: string | null;
  weightGrams: number;
}

export interface ProductContent {
  title: string;
  categoryId: string;
  description: string;
  attributes: Record<string, string | number>;
  material: string | null;
  functions: string | null;
  usage: string | null;
  afterSales: string;
  origin: string;
  productionDate: string | null;
  shelfLifeDays: number | null;
  images: string[];
  /** One of the shop's suppliers (P7). */
  supplierId: string | null;
  skus: Sku[];
}

export type FindingCategory = "absolute" | "medical" | "prohibited";
export type Severity = "block" | "warn";

export interface Finding {
  code: string;
  severity: Severity;
  field: string;
  /** English, for the log; the pages build their own text from code, field and term. */
  message: string;
  term?: string;
  category?: FindingCategory;
  /** PERMIT_MISSING: the document kind the shop lacks. */
  permit?: string;
  /** IMAGES_TOO_FEW: how many pictures the rules ask for. */
  min?: number;
}

export type VersionStatus = "draft" | "pending_review" | "approved" | "rejected" | "superseded";

export interface Version {
  id: string;
  number: number;
  status: VersionStatus;
  content: ProductContent;
  findings: Finding[];
  keyChanges: string[];
  /** Went on sale without review: no key field changed. */
  autoApproved: boolean;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ProductStatus = "draft" | "pending_review" | "listed" | "rejected" | "delisted";
export type DelistKind = "merchant" | "violation" | "qualification" | "quality";

export interface HistoryEntry {
  number: number;
  status: VersionStatus;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  keyChanges: string[];
}

export interface Product {
  id: string;
  merchantId: string;
  status: ProductStatus;
  title: string;
  categoryId: string;
  minPriceFen: number;
  maxPriceFen: number;
  listedAt: string | null;
  delistedAt: string | null;
  delistKind: DelistKind | null;
  delistReason: string | null;
  relistNeedsReview: boolean;
  createdAt: string;
  updatedAt: string;
  /** The version on sale. */
  live: Version | null;
  /** The version being edited or reviewed. */
  working: Version | null;
  history: HistoryEntry[];
}

export interface ProductListItem extends Pick<Product, "id" | "status" | "title" | "categoryId" | "minPriceFen" | "maxPriceFen" | "listedAt" | "updatedAt"> {
  /** The main picture of the version being edited, else of the one on sale. */
  image: ImageUrls | null;
  pendingChanges: boolean;
}

export interface UploadedImage {
  id: string;
  width: number;
  height: number;
  urls: ImageUrls;
}

export interface ListingQueueItem {
  productId: string;
  versionId: string;
  number: number;
  title: string;
  merchantId: string;
  merchantName: string;
  revision: boolean;
  keyChanges: string[];
  warnings: number;
  submittedAt: string | null;
  waitingHours: number | null;
}

export interface ScreeningTerm {
  id: string;
  term: string;
  category: FindingCategory;
  severity: Severity;
  note: string | null;
  createdAt: string;
}

export interface TryFinding {
  term: string;
  category: FindingCategory;
  severity: Severity;
  field: string;
  excerpt: string;
}
