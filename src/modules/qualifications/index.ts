export { checkQualifications, submitRenewal, approveRenewal, rejectRenewal, submitReverification, decideReverification, qualificationOverview } from "./service.js";
