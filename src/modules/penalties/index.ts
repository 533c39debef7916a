export { standings, standingOf, assertCanList, assertCanSell, type Standing } from "./standing.js";
export { issuePenalty, appealPenalty, decideAppeal, liftPenalty } from "./service.js";
