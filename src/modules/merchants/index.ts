export { listMerchants, getMerchant, createMerchant, myShop } from "./service.js";
export { merchants } from "./schema.js";
