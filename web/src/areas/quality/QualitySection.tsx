import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { ROUTE } from "./kit";
import { SamplingDetailPage, SamplingListPage } from "./SamplingPages";
import { RecallDetailPage, RecallListPage } from "./RecallPages";
import { TracePage, TraceSearchPage } from "./TracePages";

// One tab per part of the work: sampling (P5), recalls (P5), batch traceability (P6).
const TABS = [
  { path: "", key: "samplings" },
  { path: "recalls", key: "recalls" },
  { path: "trace", key: "trace" },
] as const;

/** Quality samplings, recalls and batch traceability (P5, P6), at /admin/quality/*. */
export function QualitySection(_props: Record<string, never>) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const first = location.pathname.slice(ROUTE.length).replace(/^\//, "").split("/")[0] ?? "";
  const active = TABS.find((s) => s.path === first)?.key ?? "samplings";
  return (
    <div data-testid="quality-section">
      <Tabs
        activeKey={active}
        onTabClick={(key) => navigate(`${ROUTE}/${TABS.find((s) => s.key === key)!.path}`)}
        items={TABS.map((s) => ({ key: s.key, label: <span data-testid={`quality-tab-${s.key}`}>{t(`quality.tabs.${s.key}`)}</span> }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        <Route index element={<SamplingListPage />} />
        <Route path="samplings/:id" element={<SamplingDetailPage />} />
        <Route path="recalls" element={<RecallListPage />} />
        <Route path="recalls/:id" element={<RecallDetailPage />} />
        <Route path="trace" element={<TraceSearchPage />} />
        <Route path="trace/:id" element={<TracePage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
