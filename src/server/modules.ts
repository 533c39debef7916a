import type { JobDef } from "./jobs.js";
import type { RouteModule } from "./http.js";
import identityRoutes from "../modules/identity/routes.js";
import { identityJobs } from "../modules/identity/jobs.js";
import accessRoutes from "../modules/access/routes.js";
import auditRoutes from "../modules/audit/routes.js";
import settingsRoutes from "../modules/settings/routes.js";
import privacyRoutes from "../modules/privacy/routes.js";
import merchantRoutes from "../modules/merchants/routes.js";
import onboardingRoutes from "../modules/onboarding/routes.js";
import { applicationMachine } from "../modules/onboarding/machine.js";
import type { Machine } from "../lib/machine.js";

// The platform is the sum of its modules: adding a capability is one entry here.
export interface Module {
  name: string;
  routes?: RouteModule;
  jobs?: JobDef[];
  // State machines with their initial state; start-up refuses one with unreachable states.
  machines?: [Machine<string, string>, string][];
}

export const modules: Module[] = [
  { name: "identity", routes: identityRoutes, jobs: identityJobs },
  { name: "access", routes: accessRoutes },
  { name: "audit", routes: auditRoutes },
  { name: "settings", routes: settingsRoutes },
  { name: "privacy", routes: privacyRoutes },
  { name: "merchants", routes: merchantRoutes },
  { name: "onboarding", routes: onboardingRoutes, machines: [[applicationMachine as Machine<string, string>, "draft"]] },
];
