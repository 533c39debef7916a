import { Route, Routes } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { ReportView } from "./insight/ReportView";

/** I7 the monthly stock report. */
export function ReportPage() {
  return (
    <Routes>
      <Route index element={<ReportView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
