// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
export const zh = {
  fulfil: {
    title: "买家收货与发货",
  },
};

export const en: typeof zh = {
  fulfil: {
    title: "Shipping and receipt",
  },
};
