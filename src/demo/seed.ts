import { systemActor, ctxFor, type Services, type Ctx } from "../server/context.js";
import { createAccount, register } from "../modules/identity/index.js";
import { updateShopService } from "../modules/merchants/index.js";
import { MERCHANT_AGREEMENT, policyInForce, PRIVACY_POLICY } from "../modules/governance/index.js";
import {
  acceptAgreement, addDocument, approveApplication, creditCodeCheckChar, residentIdCheckChar, startApplication, startReview, submitApplication,
} from "../modules/onboarding/index.js";
import { demoPdf } from "./pdf.js";
import { addDays, shanghaiDay } from "../lib/clock.js";
import { commentOnPolicy, publishPolicy, updateOperatorProfile } from "../modules/governance/index.js";
import { issuePenalty } from "../modules/penalties/index.js";
import { checkQualifications } from "../modules/qualifications/index.js";
import sharp from "sharp";
import { categoryTree } from "../modules/catalog/categories.js";
import { uploadProductImage } from "../modules/catalog/images.js";
import { createProduct, decideListing, submitProduct } from "../modules/catalog/products.js";
import { seedInventory } from "./inventory.js";
import { seedTrade } from "./trade.js";

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
  // A document that runs out soon, so the expiry warnings (M3) have something to show.
  expiringSoon?: string;
}

export const demoMerchants: DemoShop[] = [
  { name: "西湖茶舍 West Lake Tea House", owner: "owner@tea-house.example", ownerName: "陈店主 Owner Chen", staff: "staff@tea-house.example", staffName: "小李 Li",
    entityType: "enterprise", code17: "91330106MA2H7T9X1", id17: "33010619800101123", legalRep: "陈西湖", categories: ["tea", "food"], approve: true, servicePhone: "0571-88886666", expiringSoon: "food_licence" },
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
  const reg = await register(ctxFor(s, systemActor("demo-seed")), { login: m.owner, password: DEMO_PASSWORD, displayName: m.ownerName, acceptPolicyVersion: (await policyInForce(s.db, PRIVACY_POLICY, s.clock.now())).version }, {}, "applicant");
  const applicant = ctxFor(s, { userId: reg.user.id, kind: "merchant", label: `${m.ownerName} (${reg.user.login})`, merchantId: null, permissions: new Set(["application.manage.own"]), sessionId: null, mfaPending: false });
  const app = await startApplication(applicant, {
    entityType: m.entityType, name: m.name, creditCode: m.code17 + creditCodeCheckChar(m.code17), legalRepName: m.legalRep, legalRepIdNumber: m.id17 + residentIdCheckChar(m.id17),
    contactName: m.ownerName, contactPhone: "13900000000", contactEmail: m.owner, address: "浙江省杭州市西湖区文三路 90 号", categories: m.categories,
  });
  for (const kind of docKinds(m.categories)) {
    await addDocument(applicant, { kind, number: `${kind.toUpperCase()}-${m.code17.slice(-6)}`, issuer: "杭州市市场监督管理局", validFrom: "2024-01-01", validUntil: kind === m.expiringSoon ? shanghaiDay(addDays(s.clock.now(), 20)) : "2029-12-31" },
      { body: demoPdf(`Demo ${kind} - ${m.code17}`), fileName: `${kind}.pdf` });
  }
  await acceptAgreement(applicant, (await policyInForce(s.db, MERCHANT_AGREEMENT, s.clock.now())).version);
  await submitApplication(applicant);
  if (!m.approve) return null;
  await startReview(reviewer, app.id);
  const approved = await approveApplication(reviewer, app.id, "演示数据 demo data");
  if (m.servicePhone) {
    const owner = ctxFor(s, { ...applicant.actor, merchantId: approved.merchantId });
    await updateShopService(owner, { servicePhone: m.servicePhone, serviceHours: "09:00-21:00", afterSalesPolicy: "支持七日无理由退货；质量问题由本店承担退货运费。" });
  }
  return { merchantId: approved.merchantId!, ownerId: reg.user.id, label: applicant.actor.label, login: m.owner };
}

// Demo data goes through the same operations as real use, so it is audited like real use.
export async function seedDemo(s: Services) {
  const ctx = ctxFor(s, systemActor("demo-seed"));
  const staffIds = new Map<string, string>();
  for (const [login, displayName, role] of demoStaff) {
    staffIds.set(login, (await createAccount(ctx, { kind: "staff", login, displayName, password: DEMO_PASSWORD, roles: [role] })).id);
  }
  const shops = [];
  for (const m of demoMerchants) {
    const shop = await onboardShop(s, ctx, m);
    if (shop && m.staff) await createAccount(ctx, { kind: "merchant", merchantId: shop.merchantId, login: m.staff, displayName: m.staffName!, password: DEMO_PASSWORD, roles: ["merchant_staff"] });
    if (shop) shops.push(shop);
  }
  const buyers = [];
  for (const [login, displayName] of demoBuyers) {
    const r = await register(ctx, { login, displayName, password: DEMO_PASSWORD, acceptPolicyVersion: (await policyInForce(s.db, PRIVACY_POLICY, s.clock.now())).version }, {});
    buyers.push({ userId: r.user.id, label: `${displayName} (${login})` });
  }
  await seedProducts(s, staffIds, shops);
  await seedGovernance(s, staffIds, shops);
  await seedInventory(s);
  await seedTrade(s, buyers);
}

const staffCtx = (s: Services, userId: string, label: string) =>
  ctxFor(s, { userId, kind: "staff", label, merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false });

// The operator's public facts (G2), an announced agreement change with a merchant's comment
// (G1), a warning with its appeal window (M6) and the expiry warnings of the daily check (M3).
async function seedGovernance(s: Services, staffIds: Map<string, string>, shops: { merchantId: string; ownerId: string; label: string }[]) {
  const admin = staffCtx(s, staffIds.get("admin")!, "平台管理员 Admin (admin)");
  await updateOperatorProfile(admin, {
    companyName: "杭州商管网络科技有限公司 Hangzhou Shangguan Network Technology Co., Ltd.",
    licences: [{ name: "增值电信业务经营许可证 (ICP)", number: "浙B2-20260001", issuer: "浙江省通信管理局" }, { name: "营业执照 Business licence", number: "91330106MA2SG00010", issuer: "杭州市市场监督管理局" }],
    filings: [{ name: "ICP备案 ICP filing", number: "浙ICP备2026000001号", url: "https://beian.miit.gov.cn/" }, { name: "公安备案 Public security filing", number: "浙公网安备33010602000001号" }],
    contact: { phone: "400-800-2026", email: "service@shangguan.example", address: "浙江省杭州市西湖区文三路 90 号", hours: "09:00-21:00" },
    complaintChannels: [{ name: "平台投诉热线 Complaint hotline", contact: "400-800-2026 转 2", hours: "24h" }, { name: "12315 消费者投诉 Consumer complaints", contact: "https://www.12315.cn/" }],
  });
  const current = await policyInForce(s.db, MERCHANT_AGREEMENT, s.clock.now());
  const announced = await publishPolicy(admin, MERCHANT_AGREEMENT, {
    version: "2026-12", title: current.title, summary: "明确发货时限按自然小时计算；新增资质复核说明。Ship-by hours are calendar hours; re-verification explained.",
    sections: [...current.sections, { key: "reverify", zh: "**资质复核**：平台每六个月复核一次；商家应在复核任务到期前确认信息。", en: "**Re-verification**: every six months; confirm your data before the task is due." }],
    effectiveFrom: addDays(s.clock.now(), 10),
  });
  const [tea, bamboo] = shops;
  if (bamboo) {
    const owner = ctxFor(s, { userId: bamboo.ownerId, kind: "merchant", label: bamboo.label, merchantId: bamboo.merchantId, permissions: new Set(), sessionId: null, mfaPending: false });
    await commentOnPolicy(owner, MERCHANT_AGREEMENT, announced.version, "建议对偏远地区订单延长发货时限。Please allow longer ship-by times for remote regions.");
    await issuePenalty(staffCtx(s, staffIds.get("operations")!, "运营 Operations (operations)"), bamboo.merchantId, {
      kind: "warning", reason: "商品详情页使用“最便宜”等绝对化用语 Absolute advertising terms in listings", evidence: "巡检记录 2026-11 第 12 号：3 个商品标题含“最便宜”。Inspection record 2026-11 #12: three titles say \"cheapest\".",
    });
  }
  if (tea) await checkQualifications(s);
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

// A picture for a demo product: a tea-coloured card with a few shapes (no text, so it
// renders the same without any fonts installed).
async function demoPicture(hue: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,88%)"/><stop offset="1" stop-color="hsl(${hue},40%,62%)"/></linearGradient></defs>
    <rect width="800" height="800" fill="url(#g)"/><circle cx="400" cy="360" r="190" fill="hsl(${hue},35%,40%)" opacity="0.85"/>
    <rect x="250" y="600" width="300" height="36" rx="18" fill="hsl(${hue},30%,30%)" opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

type DemoProduct = { title: string; category: string; hue: number; attributes: Record<string, string | number>; skus: [string, Record<string, string>, number, number][]; dates?: boolean };
const demoProducts: Record<string, DemoProduct[]> = {
  "owner@tea-house.example": [
    { title: "西湖龙井 明前特级 Longjing green tea", category: "green-tea", hue: 95, dates: true, attributes: { origin: "浙江杭州西湖", net_weight: 250, grade: "特级", harvest: "明前" },
      skus: [["LJ-250", { 规格: "250g 罐装" }, 68_800, 400], ["LJ-500", { 规格: "500g 礼盒" }, 128_000, 800]] },
    { title: "洞庭碧螺春 一级 Biluochun", category: "green-tea", hue: 80, dates: true, attributes: { origin: "江苏苏州", net_weight: 250, grade: "一级", harvest: "雨前" }, skus: [["BLC-250", {}, 39_900, 380]] },
    { title: "云南滇红 Dian Hong black tea", category: "black-tea", hue: 20, dates: true, attributes: { origin: "云南凤庆", net_weight: 200, grade: "一级" }, skus: [["DH-200", {}, 25_800, 320]] },
    { title: "勐海普洱熟茶饼 357g Pu'er cake", category: "puer", hue: 30, dates: true, attributes: { origin: "云南勐海", net_weight: 357, puer_type: "熟茶", vintage: 2019 }, skus: [["PE-357", {}, 32_000, 420]] },
    { title: "杭州西湖藕粉 Lotus root powder", category: "snacks", hue: 45, dates: true, attributes: { origin: "浙江杭州", net_weight: 500, ingredients: "藕粉" }, skus: [["OF-500", {}, 5_990, 600]] },
  ],
  "owner@bamboo.example": [
    { title: "楠竹砧板 加厚 Bamboo chopping board", category: "kitchen", hue: 50, attributes: { material: "楠竹", dimensions: "40×28×2 cm" },
      skus: [["CB-M", { 尺寸: "中号" }, 6_900, 1100], ["CB-L", { 尺寸: "大号" }, 8_900, 1500]] },
    { title: "竹编收纳篮 三件套 Woven storage baskets", category: "furniture", hue: 60, attributes: { material: "毛竹" }, skus: [["SB-3", {}, 12_800, 900]] },
    { title: "竹制餐具套装 Bamboo cutlery set", category: "kitchen", hue: 40, attributes: { material: "楠竹", dimensions: "23 cm" }, skus: [["CS-4", { 件数: "4 件" }, 3_900, 200], ["CS-8", { 件数: "8 件" }, 6_900, 380]] },
  ],
};

// Products go through creation, pre-screening and review like a merchant's own would.
async function seedProducts(s: Services, staffIds: Map<string, string>, shops: { merchantId: string; ownerId: string; label: string; login: string }[]) {
  type Node = { id: string; key: string; children: Node[] };
  const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
  const reviewer = staffCtx(s, staffIds.get("operations")!, "运营 Operations (operations)");
  const categoryIds = new Map(flat((await categoryTree(reviewer, { activeOnly: true })).items as Node[]).map((c) => [c.key, c.id]));
  for (const shop of shops) {
    const owner = ctxFor(s, { userId: shop.ownerId, kind: "merchant", label: shop.label, merchantId: shop.merchantId, permissions: new Set(), sessionId: null, mfaPending: false });
    for (const p of demoProducts[shop.login] ?? []) {
      const image = await uploadProductImage(owner, { body: await demoPicture(p.hue), fileName: "demo.jpg" });
      const product = await createProduct(owner, {
        title: p.title, categoryId: categoryIds.get(p.category)!, description: `${p.title}。演示商品 Demo product.`, attributes: p.attributes, material: null, functions: null, usage: null,
        afterSales: "支持七日无理由退货（未拆封）；质量问题由本店承担运费。", origin: String(p.attributes.origin ?? "浙江安吉"),
        productionDate: p.dates ? addDays(s.clock.now(), -30).toISOString().slice(0, 10) : null, shelfLifeDays: p.dates ? 540 : null, images: [image.id], supplierId: null,
        skus: p.skus.map(([code, options, priceFen, weightGrams]) => ({ code, options, priceFen, barcode: null, weightGrams })),
      });
      await submitProduct(owner, product.id);
      await decideListing(reviewer, product.id, { decision: "approve" });
    }
  }
}
