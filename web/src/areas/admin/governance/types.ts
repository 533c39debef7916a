// The console's own shapes of the governance API; the shared ones are in types/governance.

import type { PenaltyKind, PenaltyStatus, Restriction, RenewalStatus, Reverification, ReverificationStatus, StandingStatus, Task } from "../../../types/governance";

export const PENALTY_KINDS: PenaltyKind[] = ["warning", "listing_restriction", "suspension", "closure"];
export const PENALTY_STATUSES: PenaltyStatus[] = ["in_force", "appealed", "upheld", "revoked", "lifted"];
export const RENEWAL_STATUSES: RenewalStatus[] = ["pending", "approved", "rejected"];
export const REVERIFICATION_STATUSES: ReverificationStatus[] = ["due", "submitted", "returned", "passed"];

export interface MerchantSummary {
  id: string;
  name: string;
  status: StandingStatus;
  canList: boolean;
  canSell: boolean;
  createdAt: string;
}

export interface MerchantDetail extends MerchantSummary {
  restrictions: Restriction[];
}

export interface ReverificationItem extends Reverification {
  merchantName: string;
  overdue: boolean;
}

export interface PlatformTask extends Task {
  merchantName: string | null;
}
