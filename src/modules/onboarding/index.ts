export { myApplication, reviewQueue, applicationForReview, approveApplication, rejectApplication, startReview } from "./service.js";
export { creditCodeProblem, creditCodeCheckChar, residentIdProblem, platformAgreement } from "./rules.js";
