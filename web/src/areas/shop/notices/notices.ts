import { useQuery, useQueryClient } from "@tanstack/react-query";
import i18n from "../../../i18n";
import { api } from "../../../api";
import { useSession } from "../../../auth/session";

// What the platform told the buyer (GET /me/notices): recalls of goods they received (P5)
// and orders not shipped in time (O5). A notice carries a kind and its facts; the words are
// the reader's language's, made here.

export interface Notice {
  id: string;
  kind: string;
  params: Record<string, string | number | null>;
  subjectType: string;
  subjectId: string;
  createdAt: string;
  readAt: string | null;
}

export const NOTICES_KEY = ["notices", "mine"] as const;

export function useNotices(unread: boolean) {
  return useQuery({
    queryKey: [...NOTICES_KEY, unread ? "unread" : "all"],
    queryFn: ({ signal }) => api<{ items: Notice[]; unread: number }>("/me/notices", { query: { unread: unread ? "true" : undefined, limit: 100 }, signal }),
  });
}

/** The number of unread notices, for the header; buyers only. */
export function useUnreadNotices() {
  const { me } = useSession();
  const q = useQuery({
    queryKey: [...NOTICES_KEY, "count"],
    queryFn: ({ signal }) => api<{ items: Notice[]; unread: number }>("/me/notices", { query: { unread: "true", limit: 1 }, signal }).then((r) => r.unread),
    enabled: me?.user.kind === "buyer",
    refetchInterval: 60_000,
  });
  return me?.user.kind === "buyer" ? (q.data ?? null) : null;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return async (ids: string[]) => {
    for (const id of ids) await api(`/me/notices/${id}/read`, { method: "POST" });
    await queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
  };
}

// Facts come as the server sent them; each kind's words name the ones they use.
const say = (key: string, p: Record<string, string>) => String(i18n.t(key as never, p as never));

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** A notice's title and text in the reader's language, from its kind and facts. */
export function noticeText(n: Notice): { title: string; text: string; extra: string | null } {
  const p = Object.fromEntries(Object.entries(n.params ?? {}).map(([k, v]) => [k, str(v)]));
  // A recall names its product as "title".
  p.productTitle ||= p.title ?? "";
  switch (n.kind) {
    case "order_ship_overdue":
      return {
        title: say("fulfil.notices.kinds.shipOverdue.title", p),
        text: Number(n.params.partly) ? say("fulfil.notices.kinds.shipOverdue.textPartly", p) : say("fulfil.notices.kinds.shipOverdue.text", p),
        extra: null,
      };
    case "recall":
      return {
        title: say("fulfil.notices.kinds.recall.title", p),
        text: say("fulfil.notices.kinds.recall.text", p),
        extra: p.instructions ? say("fulfil.notices.kinds.recall.instructions", p) : null,
      };
    default:
      return { title: i18n.t("fulfil.notices.kinds.other"), text: Object.values(p).filter(Boolean).join(" · "), extra: null };
  }
}
