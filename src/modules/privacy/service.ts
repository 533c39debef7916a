import { desc, eq } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { RuleViolation } from "../../server/errors.js";
import { consents } from "./schema.js";
import { policyInForce, PRIVACY_POLICY } from "../governance/index.js";

export async function recordConsent(tx: Queryable, ctx: Ctx, userId: string, acceptedVersion: string) {
  const policy = await policyInForce(tx, PRIVACY_POLICY, ctx.clock.now());
  if (acceptedVersion !== policy.version) {
    throw new RuleViolation("POLICY_VERSION_OUTDATED", `The privacy policy has changed (now version ${policy.version}). Read the current version and accept it to continue.`, { current: policy.version });
  }
  await tx.insert(consents).values({ id: newId(), userId, policy: "privacy", version: acceptedVersion, acceptedAt: ctx.clock.now(), ip: ctx.ip ?? null });
}

export async function consentsOf(db: Queryable, userId: string) {
  return db.select({ policy: consents.policy, version: consents.version, acceptedAt: consents.acceptedAt, withdrawnAt: consents.withdrawnAt })
    .from(consents).where(eq(consents.userId, userId)).orderBy(desc(consents.acceptedAt));
}
