// autocannon setupRequest for bench/inventory.ts, loaded inside its worker thread: every
// hold gets its own reference (the same reference would only return the first hold) and
// one line drawn from the SKUs the parent put in BENCH_RESERVE_LINES.
const { threadId } = require("node:worker_threads");

const lines = JSON.parse(process.env.BENCH_RESERVE_LINES || "[]");
let n = 0;

module.exports = function setupRequest(req) {
  const line = lines[Math.floor(Math.random() * lines.length)];
  req.body = JSON.stringify({ referenceType: "order", referenceId: `bench-${process.pid}-${threadId}-${++n}-${Math.random().toString(36).slice(2, 8)}`, lines: [line] });
  return req;
};
