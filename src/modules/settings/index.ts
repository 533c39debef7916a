export { getRule, listRules, publishRule, ruleHistory } from "./service.js";
export { ruleCatalogue, ruleKeys, type RuleKey, type RuleValue } from "./catalogue.js";
