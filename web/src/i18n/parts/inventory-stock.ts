// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
export const zh = {
  invStock: {
    title: "",
  },
};

export const en: typeof zh = {
  invStock: {
    title: "",
  },
};
