export { policyInForce, publishPolicy, commentOnPolicy, updateOperatorProfile, acceptMerchantAgreement, MERCHANT_AGREEMENT, PRIVACY_POLICY } from "./service.js";
