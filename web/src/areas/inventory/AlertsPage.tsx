import { Route, Routes } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { AlertsView } from "./insight/AlertsView";

/** I6 stock alerts. */
export function AlertsPage() {
  return (
    <Routes>
      <Route index element={<AlertsView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
