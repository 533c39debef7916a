// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
export const zh = {
  settle: {
    title: "结算",
  },
};

export const en: typeof zh = {
  settle: {
    title: "Settlement",
  },
};
