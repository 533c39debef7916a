export { recordAudit, listAudit, verifyAuditChain, type AuditEntry, type ChainReport } from "./service.js";
export { auditLog } from "./schema.js";
