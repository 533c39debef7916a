export { standings, standingOf, assertCanList, assertCanSell, maySell, type Standing } from "./standing.js";
export { issuePenalty, appealPenalty, decideAppeal, liftPenalty } from "./service.js";
