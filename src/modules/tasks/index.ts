export { raiseTask, raiseTasks, closeTasks } from "./service.js";
