export { recordConsent, consentsOf } from "./service.js";
export { privacyPolicy } from "./policy.js";
