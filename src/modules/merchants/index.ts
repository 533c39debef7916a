export { listMerchants, getMerchant, createMerchant, myShop, updateShopService, publicShop } from "./service.js";
export { merchants } from "./schema.js";
