// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
export const zh = {
  exceptions: {
    title: "订单异常",
  },
};

export const en: typeof zh = {
  exceptions: {
    title: "Exceptions",
  },
};
