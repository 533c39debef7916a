export { orderAddress, openOrderAddress, listAddresses, maskName, maskDetail, normalMobile, MAX_ADDRESSES } from "./service.js";
export { regionPath, regionTree, provinces, citiesOf, districtsOf } from "./regions.js";
export { buyerAddresses } from "./schema.js";
