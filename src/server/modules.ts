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
import qualificationRoutes from "../modules/qualifications/routes.js";
import { qualificationJobs } from "../modules/qualifications/jobs.js";
import { renewalMachine, reverificationMachine } from "../modules/qualifications/machine.js";
import penaltyRoutes from "../modules/penalties/routes.js";
import { penaltyMachine } from "../modules/penalties/machine.js";
import taskRoutes from "../modules/tasks/routes.js";
import governanceRoutes from "../modules/governance/routes.js";
import supplierRoutes from "../modules/suppliers/routes.js";
import catalogRoutes from "../modules/catalog/routes.js";
import { productMachine, versionMachine } from "../modules/catalog/machine.js";
import { catalogJobs } from "../modules/catalog/jobs.js";
import inventoryRoutes from "../modules/inventory/routes.js";
import { inventoryJobs } from "../modules/inventory/jobs.js";
import { reservationMachine, stocktakeMachine } from "../modules/inventory/machine.js";
import { receiptMachine } from "../modules/inventory/receipts.js";
import { outboundMachine } from "../modules/inventory/outbound.js";
import addressRoutes from "../modules/addresses/routes.js";
import cartRoutes from "../modules/cart/routes.js";
import orderRoutes from "../modules/orders/routes.js";
import { orderJobs } from "../modules/orders/jobs.js";
import { orderMachine } from "../modules/orders/machine.js";
import paymentRoutes from "../modules/payments/routes.js";
import { paymentJobs } from "../modules/payments/jobs.js";
import { paymentMachine } from "../modules/payments/machine.js";
import logisticsRoutes from "../modules/logistics/routes.js";
import { logisticsJobs } from "../modules/logistics/jobs.js";
import { shipmentMachine } from "../modules/logistics/tracking.js";
import exceptionRoutes from "../modules/exceptions/routes.js";
import { exceptionsJobs } from "../modules/exceptions/jobs.js";
import settlementRoutes from "../modules/settlement/routes.js";
import { settlementJobs } from "../modules/settlement/jobs.js";
import qualityRoutes from "../modules/quality/routes.js";
import { qualityJobs } from "../modules/quality/jobs.js";
import noticeRoutes from "../modules/notices/routes.js";
import { agreementMachine } from "../modules/logistics/carriers.js";
import { exceptionMachine } from "../modules/exceptions/service.js";
import { recallMachine, samplingMachine } from "../modules/quality/machine.js";
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
  {
    name: "qualifications", routes: qualificationRoutes, jobs: qualificationJobs,
    machines: [[reverificationMachine as Machine<string, string>, "due"], [renewalMachine as Machine<string, string>, "pending"]],
  },
  { name: "penalties", routes: penaltyRoutes, machines: [[penaltyMachine as Machine<string, string>, "in_force"]] },
  { name: "tasks", routes: taskRoutes },
  { name: "governance", routes: governanceRoutes },
  { name: "suppliers", routes: supplierRoutes },
  {
    name: "catalog", routes: catalogRoutes, jobs: catalogJobs,
    machines: [[productMachine as Machine<string, string>, "draft"], [versionMachine as Machine<string, string>, "draft"]],
  },
  {
    name: "inventory", routes: inventoryRoutes, jobs: inventoryJobs,
    machines: [
      [reservationMachine as Machine<string, string>, "active"], [stocktakeMachine as Machine<string, string>, "counting"],
      [receiptMachine as Machine<string, string>, "expected"], [outboundMachine as Machine<string, string>, "open"],
    ],
  },
  { name: "addresses", routes: addressRoutes },
  { name: "cart", routes: cartRoutes },
  { name: "orders", routes: orderRoutes, jobs: orderJobs, machines: [[orderMachine as Machine<string, string>, "pending_payment"]] },
  { name: "payments", routes: paymentRoutes, jobs: paymentJobs, machines: [[paymentMachine as Machine<string, string>, "pending"]] },
  { name: "logistics", routes: logisticsRoutes, jobs: logisticsJobs, machines: [[shipmentMachine as Machine<string, string>, "in_transit"], [agreementMachine as Machine<string, string>, "active"]] },
  { name: "exceptions", routes: exceptionRoutes, jobs: exceptionsJobs, machines: [[exceptionMachine as Machine<string, string>, "open"]] },
  { name: "settlement", routes: settlementRoutes, jobs: settlementJobs },
  { name: "quality", routes: qualityRoutes, jobs: qualityJobs, machines: [[samplingMachine as Machine<string, string>, "planned"], [recallMachine as Machine<string, string>, "open"]] },
  { name: "notices", routes: noticeRoutes },
];
