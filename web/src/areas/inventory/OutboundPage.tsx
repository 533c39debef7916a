import { Route, Routes } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { NewOutbound } from "./flow/NewOutbound";
import { OutboundDetail } from "./flow/OutboundDetail";
import { OutboundList } from "./flow/OutboundList";
import { PickList } from "./flow/PickList";

/** I4 outbound: the list, a new document, one document and its printable pick list. */
export function OutboundPage() {
  return (
    <Routes>
      <Route index element={<OutboundList />} />
      <Route path="new" element={<NewOutbound />} />
      <Route path=":id" element={<OutboundDetail />} />
      <Route path=":id/print" element={<PickList />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
