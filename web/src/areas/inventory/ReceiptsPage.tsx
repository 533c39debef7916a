import { Route, Routes } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { Discrepancies } from "./flow/Discrepancies";
import { NewReceipt } from "./flow/NewReceipt";
import { ReceiptDetail } from "./flow/ReceiptDetail";
import { ReceiptList } from "./flow/ReceiptList";

/** I3 receipts: the list, a new receipt, one receipt with its acceptance, and the supplier report. */
export function ReceiptsPage() {
  return (
    <Routes>
      <Route index element={<ReceiptList />} />
      <Route path="new" element={<NewReceipt />} />
      <Route path="discrepancies" element={<Discrepancies />} />
      <Route path=":id" element={<ReceiptDetail />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
