// Strings of one area, kept in their own file; zh-CN.ts and en-US.ts merge them.
export const zh = {
  quality: {
    title: "质量",
  },
};

export const en: typeof zh = {
  quality: {
    title: "Quality",
  },
};
