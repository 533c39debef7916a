import { Route, Routes } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { CountDetail } from "./counts/CountDetail";
import { CountList } from "./counts/CountList";
import { CountSheet } from "./counts/CountSheet";
import { PhoneCount } from "./counts/PhoneCount";

/** I5 stocktakes: the list, one count, its phone screen and its printable sheet. */
export function StocktakesPage() {
  return (
    <Routes>
      <Route index element={<CountList />} />
      <Route path=":id" element={<CountDetail />} />
      <Route path=":id/count" element={<PhoneCount />} />
      <Route path=":id/sheet" element={<CountSheet />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
