// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
export const zh = {
  logistics: {
    title: "物流",
  },
};

export const en: typeof zh = {
  logistics: {
    title: "Logistics",
  },
};
