import { and, isNotNull, lt, or } from "drizzle-orm";
import type { JobDef } from "../../server/jobs.js";
import { addDays } from "../../lib/clock.js";
import { loginThrottle, sessions } from "./schema.js";

export const identityJobs: JobDef[] = [
  {
    // Ended sessions are kept a month for "where was I signed in" questions, then removed.
    name: "identity.sweepSessions",
    everyMinutes: 60,
    async run(s) {
      const cutoff = addDays(s.clock.now(), -30);
      await s.db.delete(sessions).where(or(lt(sessions.expiresAt, cutoff), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, cutoff))));
      await s.db.delete(loginThrottle).where(lt(loginThrottle.updatedAt, addDays(s.clock.now(), -1)));
    },
  },
];
