import { Route, Routes } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { ReplenishmentView } from "./insight/ReplenishmentView";

/** I6 replenishment suggestions and the purchase plan. */
export function ReplenishmentPage() {
  return (
    <Routes>
      <Route index element={<ReplenishmentView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
