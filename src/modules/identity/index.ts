export {
  register, login, resolveSession, whoAmI, logout, logoutEverywhere, listMySessions, revokeMySession, changePassword,
  updateProfile, startMfaEnrolment, confirmMfa, disableMfa, createAccount, createAccountIn, listUsers, getUser, deactivateUser, userView, type UserView,
} from "./service.js";
export { users, sessions } from "./schema.js";
