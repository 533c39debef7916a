import { sql } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { rowsOf, type Db } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";

// Public storefront reads (listings, search, product pages, the category tree) are the same
// for every visitor and far more frequent than changes to what is on sale. Each process keeps
// recent answers, serialised, keyed by the storefront epoch: a database sequence that every
// change to products, categories, shop names or standing moves on (migration 0019). The time
// limit covers what changes with time alone (a penalty starting or ending) and the rare
// reader that saw a new epoch just before the new data became visible.
const TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

interface Shelf { epoch: string; entries: Map<string, { at: number; json: Promise<string> }> }
interface State { shelf: Shelf | null; reading: Promise<string> | null }
const states = new WeakMap<Db, State>();

// Requests arriving while the epoch is being read share that read: under load one query
// serves many visitors; a lone request after a write always reads afresh.
function currentEpoch(db: Db, state: State): Promise<string> {
  state.reading ??= db.execute(sql`select last_value::text as epoch from storefront_epoch`)
    .then((r) => rowsOf<{ epoch: string }>(r)[0]!.epoch)
    .finally(() => { state.reading = null; });
  return state.reading;
}

export async function fromShelf(ctx: Ctx, reply: FastifyReply, key: string, compute: () => Promise<unknown>) {
  let state = states.get(ctx.db);
  if (!state) states.set(ctx.db, (state = { shelf: null, reading: null }));
  const epoch = await currentEpoch(ctx.db, state);
  if (state.shelf?.epoch !== epoch) state.shelf = { epoch, entries: new Map() };
  const shelf = state.shelf;
  const now = ctx.clock.now().getTime();
  let entry = shelf.entries.get(key);
  if (!entry || now < entry.at || now - entry.at >= TTL_MS) {
    // Visitors asking for the same thing at once share one computation; a failure is not kept.
    entry = { at: now, json: compute().then((v) => JSON.stringify(v)) };
    if (shelf.entries.size >= MAX_ENTRIES) shelf.entries.delete(shelf.entries.keys().next().value!);
    shelf.entries.set(key, entry);
    const mine = entry;
    mine.json.catch(() => { if (shelf.entries.get(key) === mine) shelf.entries.delete(key); });
  }
  return reply.type("application/json; charset=utf-8").send(await entry.json);
}
