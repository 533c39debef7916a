// The portal's own shapes of the governance API (the merchant agreement, G1); the shared
// ones are in types/governance.

/** Notices that only inform: the merchant marks them as read. The others close when their action is done. */
export const ACKNOWLEDGEABLE: readonly string[] = ["penalty_issued", "appeal_decided", "document_renewal_rejected", "reverification_passed"];

export interface AgreementVersion {
  version: string;
  title: { zh: string; en: string };
  summary: string;
  publishedAt: string;
  effectiveFrom: string;
  inForce: boolean;
  acceptedAt: string | null;
}

export interface Agreements {
  items: AgreementVersion[];
  history: { version: string; acceptedAt: string }[];
}
