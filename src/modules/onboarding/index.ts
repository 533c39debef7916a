export {
  myApplication, reviewQueue, applicationForReview, approveApplication, rejectApplication, startReview, publicLicence,
  startApplication, addDocument, acceptAgreement, submitApplication,
} from "./service.js";
export { creditCodeProblem, creditCodeCheckChar, residentIdProblem, residentIdCheckChar } from "./rules.js";
