// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
// The inventory section's menu entry and tabs, shared by the console and the merchant portal.
export const zh = {
  inventory: {
    menu: "库存",
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
