/**
 * vtrest's additions to the protocol on real Vtiger 7.1.0 and 7.3.0
 * databases: discovery, then counts, field selection, versions, the rate
 * limit, related lists and links, then sync, all on one loaded database per
 * version (each dump load costs CI about 30 s).
 */

import { discoverySteps } from "./_discovery_steps.ts";
import { listExtrasSteps } from "./_list_extras_steps.ts";
import { adminTestPerVersion } from "./mysql_support.ts";
import { syncSteps } from "./_sync_steps.ts";

adminTestPerVersion((version) => `beyond the protocol on Vtiger ${version}`, async (t, session) => {
  await t.step("discovery", (inner) => discoverySteps(inner, session));
  await t.step(
    "counts, fields, versions, rate limit, related lists",
    (inner) => listExtrasSteps(inner, session),
  );
  await t.step("sync", (inner) => syncSteps(inner, session));
});
