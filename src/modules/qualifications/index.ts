export { checkQualifications, merchantCredentials, submitRenewal, approveRenewal, rejectRenewal, submitReverification, decideReverification, qualificationOverview } from "./service.js";
