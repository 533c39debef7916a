// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
// The inventory section's menu entry and tabs, shared by the console and the merchant portal.
export const zh = {
  inventory: {
    menu: "库存",
    tasks: {
      inventory_low: "{{warehouse}} 的 {{title}}（{{sku}}）库存偏低：可用 {{available}}",
      inventory_out: "{{warehouse}} 的 {{title}}（{{sku}}）已无可用库存",
      inventory_expiring: "{{warehouse}} 的 {{title}} 批次 {{batch}} 将于 {{date}} 过期",
      inventory_expired: "{{warehouse}} 的 {{title}} 批次 {{batch}} 已于 {{date}} 过期，已停止销售",
      inventory_damaged: "{{warehouse}} 的 {{title}} 批次 {{batch}} 有残损或质量冻结的库存",
      inventory_slow: "{{warehouse}} 的 {{title}}（{{sku}}）已 {{days}} 天没有出库",
      expired_batch_held: "{{warehouse}} 的批次 {{batch}}（{{sku}}）已过期，仍有 {{units}} 件被订单占用，请处理这些订单",
    },
    tabs: {
      stock: "库存",
      movements: "流水",
      warehouses: "仓库",
      receipts: "入库验收",
      outbound: "出库",
      stocktakes: "盘点",
      alerts: "预警",
      replenishment: "补货建议",
      report: "月报",
    },
  },
};

export const en: typeof zh = {
  inventory: {
    menu: "Inventory",
    tasks: {
      inventory_low: "{{title}} ({{sku}}) is low in {{warehouse}}: {{available}} available",
      inventory_out: "{{title}} ({{sku}}) is out of stock in {{warehouse}}",
      inventory_expiring: "Batch {{batch}} of {{title}} in {{warehouse}} expires on {{date}}",
      inventory_expired: "Batch {{batch}} of {{title}} in {{warehouse}} expired on {{date}} and is off sale",
      inventory_damaged: "Batch {{batch}} of {{title}} in {{warehouse}} has damaged or quality-blocked units",
      inventory_slow: "{{title}} ({{sku}}) in {{warehouse}} has not shipped for {{days}} days",
      expired_batch_held: "Batch {{batch}} ({{sku}}) in {{warehouse}} has expired while {{units}} units are held for orders; deal with those orders",
    },
    tabs: {
      stock: "Stock",
      movements: "Movements",
      warehouses: "Warehouses",
      receipts: "Receipts",
      outbound: "Outbound",
      stocktakes: "Stocktakes",
      alerts: "Alerts",
      replenishment: "Replenishment",
      report: "Monthly report",
    },
  },
};
