import i18n from "../../i18n";

// A failed sampling and a recall (P5) become tasks for the shop; the task lists word them
// here. Buyers' recall notices likewise (kind "recall").
const KINDS = ["quality_failed", "recall_opened"] as const;
type QualityTaskKind = (typeof KINDS)[number];
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** The sentence of a quality task, or null when the task is about something else. */
export function qualityTaskSentence(task: { kind: string; params: Record<string, unknown> }): string | null {
  if (!(KINDS as readonly string[]).includes(task.kind)) return null;
  const p = task.params;
  return i18n.t(`quality.tasks.${task.kind as QualityTaskKind}`, {
    samplingNo: str(p.samplingNo), recallNo: str(p.recallNo), title: str(p.title), batchNo: str(p.batchNo), findings: str(p.findings), buyers: str(p.buyers), reason: str(p.reason),
  });
}

/** The sentence of a buyer's recall notice, or null for other notices. */
export function recallNoticeSentence(notice: { kind: string; params: Record<string, unknown> }): string | null {
  if (notice.kind !== "recall") return null;
  const p = notice.params;
  return i18n.t("quality.notices.recall", { title: str(p.title), batchNo: str(p.batchNo), recallNo: str(p.recallNo), instructions: str(p.instructions) });
}
