import { systemActor, ctxFor, type Services, type Ctx } from "../server/context.js";
import { createAccount, register } from "../modules/identity/index.js";
import { updateShopService } from "../modules/merchants/index.js";
import { privacyPolicy } from "../modules/privacy/index.js";
import {
  acceptAgreement, addDocument, approveApplication, creditCodeCheckChar, platformAgreement, residentIdCheckChar, startApplication, startReview, submitApplication,
} from "../modules/onboarding/index.js";
import { demoPdf } from "./pdf.js";

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

interface DemoShop {
  name: string; owner: string; ownerName: string; staff?: string; staffName?: string; entityType: "enterprise" | "individual";
  code17: string; id17: string; legalRep: string; categories: string[]; approve: boolean; servicePhone?: string;
}

export const demoMerchants: DemoShop[] = [
  { name: "西湖茶舍 West Lake Tea House", owner: "owner@tea-house.example", ownerName: "陈店主 Owner Chen", staff: "staff@tea-house.example", staffName: "小李 Li",
    entityType: "enterprise", code17: "91330106MA2H7T9X1", id17: "33010619800101123", legalRep: "陈西湖", categories: ["tea", "food"], approve: true, servicePhone: "0571-88886666" },
  { name: "竹韵家居 Bamboo Home", owner: "owner@bamboo.example", ownerName: "王店主 Owner Wang",
    entityType: "individual", code17: "92330110MA2J8K3L2", id17: "33011019850505456", legalRep: "王竹", categories: ["home"], approve: true, servicePhone: "13905712345" },
  { name: "云南普洱坊 Yunnan Pu'er Workshop", owner: "applicant@puer.example", ownerName: "李申请 Applicant Li",
    entityType: "enterprise", code17: "91530100MA6K2P4Q7", id17: "53010219900303789", legalRep: "李普洱", categories: ["tea"], approve: false },
];

export const demoBuyers = [
  ["buyer@example.com", "张三 Zhang San"],
  ["13800138000", "李四 Li Si"],
] as const;

const docKinds = (categories: string[]) => ["business_licence", "legal_rep_id", ...(categories.some((c) => c === "tea" || c === "food") ? ["food_licence"] : [])];

// A shop enters the platform the way a real one does: application, documents, agreement, review.
async function onboardShop(s: Services, reviewer: Ctx, m: DemoShop) {
  const reg = await register(ctxFor(s, systemActor("demo-seed")), { login: m.owner, password: DEMO_PASSWORD, displayName: m.ownerName, acceptPolicyVersion: privacyPolicy.version }, {}, "applicant");
  const applicant = ctxFor(s, { userId: reg.user.id, kind: "merchant", label: `${m.ownerName} (${reg.user.login})`, merchantId: null, permissions: new Set(["application.manage.own"]), sessionId: null, mfaPending: false });
  const app = await startApplication(applicant, {
    entityType: m.entityType, name: m.name, creditCode: m.code17 + creditCodeCheckChar(m.code17), legalRepName: m.legalRep, legalRepIdNumber: m.id17 + residentIdCheckChar(m.id17),
    contactName: m.ownerName, contactPhone: "13900000000", contactEmail: m.owner, address: "浙江省杭州市西湖区文三路 90 号", categories: m.categories,
  });
  for (const kind of docKinds(m.categories)) {
    await addDocument(applicant, { kind, number: `${kind.toUpperCase()}-${m.code17.slice(-6)}`, issuer: "杭州市市场监督管理局", validFrom: "2024-01-01", validUntil: "2029-12-31" },
      { body: demoPdf(`Demo ${kind} - ${m.code17}`), fileName: `${kind}.pdf` });
  }
  await acceptAgreement(applicant, platformAgreement.version);
  await submitApplication(applicant);
  if (!m.approve) return null;
  await startReview(reviewer, app.id);
  const approved = await approveApplication(reviewer, app.id, "演示数据 demo data");
  if (m.servicePhone) {
    const owner = ctxFor(s, { ...applicant.actor, merchantId: approved.merchantId });
    await updateShopService(owner, { servicePhone: m.servicePhone, serviceHours: "09:00-21:00", afterSalesPolicy: "支持七日无理由退货；质量问题由本店承担退货运费。" });
  }
  return approved.merchantId;
}

// Demo data goes through the same operations as real use, so it is audited like real use.
export async function seedDemo(s: Services) {
  const ctx = ctxFor(s, systemActor("demo-seed"));
  for (const [login, displayName, role] of demoStaff) {
    await createAccount(ctx, { kind: "staff", login, displayName, password: DEMO_PASSWORD, roles: [role] });
  }
  for (const m of demoMerchants) {
    const merchantId = await onboardShop(s, ctx, m);
    if (merchantId && m.staff) await createAccount(ctx, { kind: "merchant", merchantId, login: m.staff, displayName: m.staffName!, password: DEMO_PASSWORD, roles: ["merchant_staff"] });
  }
  for (const [login, displayName] of demoBuyers) {
    await register(ctx, { login, displayName, password: DEMO_PASSWORD, acceptPolicyVersion: privacyPolicy.version }, {});
  }
}

export function demoLoginsText() {
  const rows = [
    ...demoStaff.map(([l, , r]) => `  ${l.padEnd(26)} ${r}`),
    ...demoMerchants.flatMap((m) => [
      `  ${m.owner.padEnd(26)} ${m.approve ? "merchant_owner" : "merchant applicant, application waiting for review"} (${m.name})`,
      ...(m.staff ? [`  ${m.staff.padEnd(26)} merchant_staff (${m.name})`] : []),
    ]),
    ...demoBuyers.map(([l]) => `  ${l.padEnd(26)} buyer`),
  ];
  return `Demo logins (password for all: ${DEMO_PASSWORD}):\n${rows.join("\n")}`;
}
