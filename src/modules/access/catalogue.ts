// The permission catalogue (S2). A route declares one of these, "authenticated"
// (any signed-in person, for their own account) or "public".
export const permissions = {
  // platform scope
  "user.read.any": "See staff, merchant and buyer accounts",
  "user.manage": "Create staff and merchant accounts, deactivate accounts",
  "role.assign": "Grant and revoke roles",
  "audit.read": "Read the audit log",
  "audit.verify": "Check the audit chain",
  "rules.read": "Read platform rules",
  "rules.publish": "Publish platform rule changes",
  "merchant.read.any": "See every merchant",
  "merchant.manage": "Create and change merchants",
  "merchant.review": "Review merchant applications and qualifications",
  "merchant.penalize": "Issue penalties to merchants and decide appeals",
  "operator.manage": "Edit the operator's public information: licences, filings, contact, complaint channels",
  "product.review": "Review product listings",
  "catalog.manage": "Manage categories and the screening word list",
  "supplier.manage": "Manage and evaluate the platform's own suppliers",
  "order.read.any": "See every order",
  "order.manage.any": "Act on any order (cancel, exceptions)",
  "inventory.manage": "Manage platform warehouses and stock",
  "logistics.manage": "Manage carriers and shipments",
  "finance.read": "See ledger, settlements and reconciliations",
  "finance.settle": "Settle and pay out to merchants",
  "payment.review": "Review payment anomalies",
  "quality.inspect": "Record quality sampling and recalls",
  "service.handle": "Answer consultations and complaints",
  "jobs.read": "See background jobs",
  // merchant scope: always limited to the actor's own merchant
  "shop.read": "See the own shop",
  "shop.manage": "Change the own shop",
  "shop.staff.read": "See the own shop's staff",
  "shop.staff.manage": "Create and deactivate the own shop's staff",
  "product.manage.own": "Manage the own shop's products",
  "order.read.own": "See the own shop's orders",
  "order.fulfil.own": "Ship the own shop's orders",
  "inventory.manage.own": "Manage the own shop's stock",
  "finance.read.own": "See the own shop's statements",
  "application.manage.own": "Fill in and submit the own merchant application",
  // buyer scope: always limited to the buyer's own data
  "cart.use": "Use a shopping cart",
  "order.place": "Place and pay orders",
  "order.read.mine": "See own orders",
  "review.write": "Review purchased goods",
  "aftersales.request": "Request returns and refunds",
} as const;

export type Permission = keyof typeof permissions;
export type RoutePermission = Permission | "authenticated" | "public";
export const isPermission = (p: string): p is Permission => p in permissions;

type Scope = "platform" | "merchant" | "buyer";
interface RoleDef { scope: Scope; zh: string; en: string; permissions: readonly Permission[] }

const platformPermissions = (Object.keys(permissions) as Permission[]).slice(0, (Object.keys(permissions) as Permission[]).indexOf("shop.read"));
const merchantPermissions: Permission[] = ["shop.read", "shop.manage", "shop.staff.read", "shop.staff.manage", "product.manage.own", "order.read.own", "order.fulfil.own", "inventory.manage.own", "finance.read.own", "application.manage.own"];

// Least privilege: each department gets what its work needs and no more.
export const builtinRoles: Record<string, RoleDef> = {
  platform_admin: { scope: "platform", zh: "平台管理员", en: "Platform administrator", permissions: platformPermissions },
  operations: { scope: "platform", zh: "运营", en: "Operations", permissions: ["merchant.read.any", "merchant.review", "merchant.penalize", "product.review", "catalog.manage", "order.read.any", "rules.read", "user.read.any"] },
  customer_service: { scope: "platform", zh: "客服", en: "Customer service", permissions: ["service.handle", "order.read.any", "order.manage.any", "user.read.any", "merchant.read.any"] },
  warehouse: { scope: "platform", zh: "仓储物流", en: "Warehouse and logistics", permissions: ["inventory.manage", "logistics.manage", "supplier.manage", "order.read.any"] },
  finance: { scope: "platform", zh: "财务", en: "Finance", permissions: ["finance.read", "finance.settle", "payment.review", "order.read.any", "merchant.read.any"] },
  quality: { scope: "platform", zh: "质检", en: "Quality", permissions: ["quality.inspect", "product.review", "supplier.manage", "merchant.read.any"] },
  auditor: { scope: "platform", zh: "内审", en: "Internal auditor", permissions: ["audit.read", "audit.verify", "rules.read", "user.read.any", "merchant.read.any", "order.read.any", "finance.read", "jobs.read"] },
  merchant_owner: { scope: "merchant", zh: "商家店主", en: "Merchant owner", permissions: merchantPermissions },
  // A prospective merchant: may only work on its own application (M1).
  merchant_applicant: { scope: "merchant", zh: "入驻申请人", en: "Merchant applicant", permissions: ["application.manage.own"] },
  merchant_staff: { scope: "merchant", zh: "商家员工", en: "Merchant staff", permissions: ["shop.read", "product.manage.own", "order.read.own", "order.fulfil.own", "inventory.manage.own"] },
  buyer: { scope: "buyer", zh: "买家", en: "Buyer", permissions: ["cart.use", "order.place", "order.read.mine", "review.write", "aftersales.request"] },
};
export type RoleKey = keyof typeof builtinRoles;
