export {
  move, levelFor, receiveIntoBatch, pickBatches, reserveStock, releaseReservation, commitReservation, commitReservationPart, loadReservation, releaseExpiredReservations, keepReservation,
  ownWarehouse, warehouseScope, shanghaiDay, type Level, type Batch, type Reservation, type ReserveLine, type DocumentRef,
} from "./stock.js";
export { verifyStock } from "./verify.js";
// I4: an order ships through an outbound document, never by committing its reservation directly.
export { createOutbound, completeOutbound, cancelOutbound, getOutbound, shipReservedStock } from "./outbound.js";
