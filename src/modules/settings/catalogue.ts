import { z } from "zod";

// Every number of DOMAIN.md lives here as a platform rule with its default (G1).
// "public" rules bind merchants and buyers: a change is announced and takes effect
// no earlier than rules.noticePeriodDays later (E-Commerce Law art. 34).
// "internal" rules govern the platform's own operation and may change at once.
interface RuleDef<S extends z.ZodType> {
  schema: S;
  default: z.infer<S>;
  notice: "public" | "internal";
  requirement: string;
  unit?: "minutes" | "hours" | "days" | "workingDays" | "months" | "years" | "count" | "yuan";
  zh: string;
  en: string;
}
const rule = <S extends z.ZodType>(d: RuleDef<S>) => d;
const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const ruleCatalogue = {
  "rules.noticePeriodDays": rule({ schema: whole(7, 365), default: 7, notice: "public", requirement: "G1", unit: "days", zh: "规则变更公示期", en: "Notice period before a rule change takes effect" }),
  "merchant.docExpiryWarningDays": rule({ schema: whole(1, 365), default: 30, notice: "public", requirement: "M3", unit: "days", zh: "资质到期提前提醒", en: "Warn about expiring documents this early" }),
  "merchant.reverifyMonths": rule({ schema: whole(1, 6), default: 6, notice: "public", requirement: "M3", unit: "months", zh: "资质复核周期", en: "Re-verify merchant identity and qualifications every" }),
  "merchant.penaltyAppealDays": rule({ schema: whole(3, 60), default: 7, notice: "public", requirement: "M6", unit: "days", zh: "处罚申诉期限", en: "A merchant may appeal a penalty within" }),
  "product.keyPriceChangePercent": rule({ schema: whole(1, 100), default: 20, notice: "public", requirement: "P3", unit: "count", zh: "价格变动超过此百分比需重新审核", en: "A price change above this percentage goes back to review" }),
  "product.minImages": rule({ schema: whole(1, 10), default: 1, notice: "public", requirement: "P3", unit: "count", zh: "商品最少图片数", en: "A product shows at least this many images" }),
  "product.minImageSide": rule({ schema: whole(200, 2000), default: 600, notice: "public", requirement: "P3", unit: "count", zh: "商品图片最短边像素", en: "Shortest side of a product image, in pixels, at least" }),
  "product.slowMoverDays": rule({ schema: whole(7, 3650), default: 90, notice: "public", requirement: "P4", unit: "days", zh: "滞销商品判定天数", en: "Propose delisting after no sale for" }),
  "supplier.weightQuality": rule({ schema: whole(0, 100), default: 40, notice: "internal", requirement: "P7", unit: "count", zh: "供应商评分权重：质量 (%)", en: "Supplier scorecard weight: quality (%)" }),
  "supplier.weightPrice": rule({ schema: whole(0, 100), default: 20, notice: "internal", requirement: "P7", unit: "count", zh: "供应商评分权重：价格 (%)", en: "Supplier scorecard weight: price (%)" }),
  "supplier.weightDelivery": rule({ schema: whole(0, 100), default: 25, notice: "internal", requirement: "P7", unit: "count", zh: "供应商评分权重：交付 (%)", en: "Supplier scorecard weight: delivery (%)" }),
  "supplier.weightService": rule({ schema: whole(0, 100), default: 15, notice: "internal", requirement: "P7", unit: "count", zh: "供应商评分权重：服务 (%)", en: "Supplier scorecard weight: service (%)" }),
  "inventory.expiryWarningDays": rule({ schema: whole(1, 365), default: 30, notice: "internal", requirement: "I6", unit: "days", zh: "批次临期预警天数", en: "Warn about batches expiring within" }),
  "inventory.slowMoverDays": rule({ schema: whole(7, 3650), default: 60, notice: "internal", requirement: "I6", unit: "days", zh: "库存呆滞判定天数（无销售出库）", en: "Flag stock as slow-moving after no sale for" }),
  "inventory.velocityWindowDays": rule({ schema: whole(7, 365), default: 28, notice: "internal", requirement: "I6", unit: "days", zh: "销售速度统计窗口", en: "Measure sales velocity over the last" }),
  "inventory.coverTargetDays": rule({ schema: whole(1, 365), default: 14, notice: "internal", requirement: "I6", unit: "days", zh: "补货后应覆盖的销售天数", en: "Replenish to cover sales for" }),
  "order.autoCancelMinutes": rule({ schema: whole(5, 1440), default: 30, notice: "public", requirement: "O4", unit: "minutes", zh: "未支付订单自动取消", en: "Cancel unpaid orders after" }),
  "order.shipByHours": rule({ schema: whole(1, 720), default: 72, notice: "public", requirement: "O5", unit: "hours", zh: "付款后发货时限", en: "Ship within, after payment" }),
  "order.autoConfirmDays": rule({ schema: whole(1, 60), default: 10, notice: "public", requirement: "O6", unit: "days", zh: "妥投后自动确认收货", en: "Confirm receipt automatically after delivery in" }),
  "order.receiptExtendDays": rule({ schema: whole(1, 30), default: 5, notice: "public", requirement: "O6", unit: "days", zh: "买家可延长收货一次，延长天数", en: "A buyer may extend receipt once, by" }),
  "logistics.exceptionHandleHours": rule({ schema: whole(1, 240), default: 48, notice: "public", requirement: "O7", unit: "hours", zh: "订单异常处理时限", en: "Resolve an order exception within" }),
  "logistics.delayGraceHours": rule({ schema: whole(0, 240), default: 24, notice: "internal", requirement: "L4", unit: "hours", zh: "超过承运商时效多久判定为延误", en: "Treat a parcel as delayed this long after its promised delivery" }),
  "order.recordRetentionYears": rule({ schema: whole(3, 30), default: 3, notice: "public", requirement: "O8", unit: "years", zh: "交易记录保存年限", en: "Keep order, product and payment records for" }),
  "cart.maxQuantityPerLine": rule({ schema: whole(1, 9999), default: 99, notice: "public", requirement: "O2", unit: "count", zh: "购物车单件商品最多数量", en: "At most this many units of one item in a cart" }),
  "cart.maxLines": rule({ schema: whole(1, 500), default: 100, notice: "public", requirement: "O2", unit: "count", zh: "购物车最多商品种类", en: "At most this many different items in a cart" }),
  "payment.maxOrderYuan": rule({ schema: whole(1, 10_000_000), default: 50_000, notice: "public", requirement: "F4", unit: "yuan", zh: "单笔支付限额", en: "One payment may not exceed" }),
  "payment.maxBuyerDailyYuan": rule({ schema: whole(1, 100_000_000), default: 200_000, notice: "public", requirement: "F4", unit: "yuan", zh: "买家单日支付限额", en: "A buyer may pay at most this much a day" }),
  "payment.failuresBeforeReview": rule({ schema: whole(2, 100), default: 3, notice: "internal", requirement: "F4", unit: "count", zh: "当日支付失败次数达到此数转人工审核", en: "Send a buyer's payments to review after this many failures in a day" }),
  "payment.sharedAddressBuyers": rule({ schema: whole(2, 1000), default: 3, notice: "internal", requirement: "F4", unit: "count", zh: "同一收货地址当日下单买家数达到此数转人工审核", en: "Review payments when this many buyers ship to one address in a day" }),
  "payment.sharedDeviceBuyers": rule({ schema: whole(2, 1000), default: 3, notice: "internal", requirement: "F4", unit: "count", zh: "同一设备当日下单买家数达到此数转人工审核", en: "Review payments when this many buyers order from one device in a day" }),
  "aftersales.merchantResponseHours": rule({ schema: whole(1, 240), default: 48, notice: "public", requirement: "A1", unit: "hours", zh: "商家处理售后申请时限", en: "Merchant answers an after-sales request within" }),
  "aftersales.noReasonReturnDays": rule({ schema: whole(7, 90), default: 7, notice: "public", requirement: "A2", unit: "days", zh: "七日无理由退货期", en: "No-reason return window" }),
  "aftersales.refundDaysAfterReturn": rule({ schema: whole(1, 7), default: 7, notice: "public", requirement: "A2", unit: "days", zh: "收到退货后退款时限", en: "Refund within, after the returned goods arrive" }),
  "service.complaintFirstResponseHours": rule({ schema: whole(1, 24), default: 24, notice: "public", requirement: "C2", unit: "hours", zh: "投诉首次响应时限", en: "First response to a complaint within" }),
  "service.specialComplaintFirstResponseHours": rule({ schema: whole(1, 48), default: 48, notice: "public", requirement: "C2", unit: "hours", zh: "特殊投诉首次响应时限", en: "First response to a special complaint within" }),
  "ip.counterNoticeWaitDays": rule({ schema: whole(15, 60), default: 15, notice: "public", requirement: "IP2", unit: "days", zh: "声明转送后等待投诉或起诉", en: "Wait for a complaint or lawsuit after forwarding a counter-declaration" }),
  "access.advancedPermissionReviewWorkingDays": rule({ schema: whole(1, 5), default: 5, notice: "internal", requirement: "S2", unit: "workingDays", zh: "高级权限申请审核时限", en: "Review advanced permission requests within" }),
  "audit.retentionMonths": rule({ schema: whole(6, 600), default: 6, notice: "internal", requirement: "S3", unit: "months", zh: "审计日志保存期", en: "Keep the audit log for at least" }),
  "security.staffMfaRequired": rule({ schema: z.boolean(), default: false, notice: "internal", requirement: "S1", zh: "员工必须启用两步验证", en: "Staff must use two-step verification" }),
  "security.loginMaxFailures": rule({ schema: whole(3, 20), default: 5, notice: "internal", requirement: "S1", unit: "count", zh: "登录失败锁定次数", en: "Lock an account after this many failed logins" }),
  "security.lockoutMinutes": rule({ schema: whole(1, 1440), default: 15, notice: "internal", requirement: "S1", unit: "minutes", zh: "首次锁定时长（此后加倍）", en: "First lockout lasts (doubling after)" }),
  "security.sessionTtlHours": rule({ schema: whole(1, 720), default: 12, notice: "internal", requirement: "S1", unit: "hours", zh: "登录会话最长有效期", en: "A session lasts at most" }),
  "security.sessionIdleMinutes": rule({ schema: whole(5, 1440), default: 120, notice: "internal", requirement: "S1", unit: "minutes", zh: "会话空闲超时", en: "A session ends after inactivity of" }),
} as const;

export type RuleKey = keyof typeof ruleCatalogue;
export type RuleValue<K extends RuleKey> = z.infer<(typeof ruleCatalogue)[K]["schema"]>;
export const ruleKeys = Object.keys(ruleCatalogue) as RuleKey[];
export const isRuleKey = (k: string): k is RuleKey => k in ruleCatalogue;
