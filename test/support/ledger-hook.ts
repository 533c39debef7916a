import { afterEach, expect } from "vitest";
import { verifyLedger } from "../../src/modules/ledger/verify.js";
import { openWorlds } from "./world.js";

// F3: after every test, in every database a test still has open, the ledger balances and
// agrees with the orders, payments and refunds.
afterEach(async () => {
  for (const w of openWorlds) {
    const report = await verifyLedger(w.services.db);
    expect(report.problems, "ledger invariants after this test").toEqual([]);
  }
});
