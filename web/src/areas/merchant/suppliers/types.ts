// The supplier API's shapes (P7), for the merchant's and the platform's supplier pages.

export interface SupplierQualification {
  kind: string;
  number: string;
  /** YYYY-MM-DD; null: no end date. */
  validUntil: string | null;
}

export interface Supplier {
  id: string;
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address: string | null;
  qualifications: SupplierQualification[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  latest: { period: string; score: number; evaluatedAt: string } | null;
  /** In the ranking only: null until the first scorecard. */
  rank?: number | null;
}

export interface SupplierInput {
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address?: string | null;
  qualifications?: SupplierQualification[];
  active?: boolean;
}

export const DIMENSIONS = ["quality", "price", "delivery", "service"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Scores = Record<Dimension, number>;

export interface Evaluation extends Scores {
  id: string;
  period: string;
  /** The weights in force when it was scored, in percent. */
  weights: Scores;
  score: number;
  note: string | null;
  evaluatedBy: string;
  evaluatedAt: string;
}

export interface SupplierDetail extends Supplier {
  /** Newest period first. */
  evaluations: Evaluation[];
}

export interface EvaluationInput extends Scores {
  period: string;
  note?: string;
}

export interface EvaluationResult {
  period: string;
  score: number;
  weights: Scores;
}
