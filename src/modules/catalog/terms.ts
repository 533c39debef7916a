import { asc, eq } from "drizzle-orm";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { screeningTerms } from "./schema.js";
import { fold, screenText, type Severity, type TermCategory } from "./screening.js";

const view = (t: typeof screeningTerms.$inferSelect) => ({ id: t.id, term: t.term, category: t.category, severity: t.severity, note: t.note, createdAt: t.createdAt });

export async function listTerms(ctx: Ctx) {
  return { items: (await ctx.db.select().from(screeningTerms).orderBy(asc(screeningTerms.category), asc(screeningTerms.folded))).map(view) };
}

export async function addTerm(ctx: Ctx, input: { term: string; category: TermCategory; severity: Severity; note?: string }) {
  const term = input.term.trim();
  const folded = fold(term).replace(/\s+/g, " ");
  if (!folded) throw new ValidationError("TERM_EMPTY", "Enter the word or phrase to screen for.", { field: "term" });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(screeningTerms).values({ id: newId(), term, folded, category: input.category, severity: input.severity, note: input.note?.trim() || null, createdAt: ctx.clock.now(), createdBy: ctx.actor.userId })
      .onConflictDoNothing({ target: screeningTerms.folded }).returning();
    if (!row) throw new Conflict("TERM_EXISTS", `"${term}" is already on the list (full-width and upper-case forms count as the same term).`);
    await recordAudit(tx, ctx, { action: "screening.term_add", entityType: "screening_term", entityId: row.id, summary: { term, category: input.category, severity: input.severity } });
    return view(row);
  });
}

export async function removeTerm(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(screeningTerms).where(eq(screeningTerms.id, id)).returning();
    if (!row) throw new NotFound("Term", "TERM_NOT_FOUND");
    await recordAudit(tx, ctx, { action: "screening.term_remove", entityType: "screening_term", entityId: id, summary: { term: row.term } });
    return view(row);
  });
}

// Lets operations try a text against the current list before they change it.
export async function tryScreening(ctx: Ctx, text: string) {
  const terms = await ctx.db.select().from(screeningTerms);
  return { findings: screenText({ text }, terms) };
}
