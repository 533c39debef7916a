export { recordConsent, consentsOf } from "./service.js";
