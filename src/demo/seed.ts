import { systemActor, ctxFor, type Services } from "../server/context.js";
import { createAccount, register } from "../modules/identity/index.js";
import { createMerchant } from "../modules/merchants/index.js";
import { privacyPolicy } from "../modules/privacy/index.js";

export const DEMO_PASSWORD = "Shangguan@2026";

export const demoStaff = [
  ["admin", "平台管理员 Admin", "platform_admin"],
  ["operations", "运营 Operations", "operations"],
  ["service", "客服 Customer Service", "customer_service"],
  ["warehouse", "仓储 Warehouse", "warehouse"],
  ["finance", "财务 Finance", "finance"],
  ["quality", "质检 Quality", "quality"],
  ["auditor", "内审 Auditor", "auditor"],
] as const;

export const demoMerchants = [
  { name: "西湖茶舍 West Lake Tea House", owner: "owner@tea-house.example", ownerName: "陈店主 Owner Chen", staff: "staff@tea-house.example", staffName: "小李 Li" },
  { name: "竹韵家居 Bamboo Home", owner: "owner@bamboo.example", ownerName: "王店主 Owner Wang" },
];

export const demoBuyers = [
  ["buyer@example.com", "张三 Zhang San"],
  ["13800138000", "李四 Li Si"],
] as const;

// Demo data goes through the same operations as real use, so it is audited like real use.
export async function seedDemo(s: Services) {
  const ctx = ctxFor(s, systemActor("demo-seed"));
  for (const [login, displayName, role] of demoStaff) {
    await createAccount(ctx, { kind: "staff", login, displayName, password: DEMO_PASSWORD, roles: [role] });
  }
  for (const m of demoMerchants) {
    const shop = await createMerchant(ctx, { name: m.name, owner: { login: m.owner, displayName: m.ownerName, password: DEMO_PASSWORD } });
    if (m.staff) await createAccount(ctx, { kind: "merchant", merchantId: shop.id, login: m.staff, displayName: m.staffName!, password: DEMO_PASSWORD, roles: ["merchant_staff"] });
  }
  for (const [login, displayName] of demoBuyers) {
    await register(ctx, { login, displayName, password: DEMO_PASSWORD, acceptPolicyVersion: privacyPolicy.version }, {});
  }
}

export function demoLoginsText() {
  const rows = [
    ...demoStaff.map(([l, , r]) => `  ${l.padEnd(26)} ${r}`),
    ...demoMerchants.flatMap((m) => [`  ${m.owner.padEnd(26)} merchant_owner (${m.name})`, ...(m.staff ? [`  ${m.staff.padEnd(26)} merchant_staff (${m.name})`] : [])]),
    ...demoBuyers.map(([l]) => `  ${l.padEnd(26)} buyer`),
  ];
  return `Demo logins (password for all: ${DEMO_PASSWORD}):\n${rows.join("\n")}`;
}
