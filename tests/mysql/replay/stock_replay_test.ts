/**
 * The oracle's scenarios that apply to stock Vtiger, replayed on the 7.1.0
 * and 7.3.0 dumps (`scenarios.ts` says which, `stock.ts` what is compared):
 * the rows those installs have must be the rows Vtiger's webservice wrote on
 * F-RevoCRM, apart from the intended differences and the install's own
 * metadata (custom fields, header copy, label order).
 *
 * @module
 */

import assert from "node:assert/strict";
import { mysqlTestsEnabled, VTIGER_VERSIONS } from "../vtiger_test_database.ts";
import { annotateTimes, compareScenarios } from "./compare.ts";
import { readGolden } from "./golden.ts";
import { intendedScenario } from "./intended_differences.ts";
import { normalize } from "./normalize.ts";
import { replayScenario } from "./replay.ts";
import { openReplaySession } from "./replay_session.ts";
import { selectedPlans } from "./scenarios.ts";
import {
  metadataGap,
  readInstallFacts,
  readRecordedFacts,
  stockActual,
  stockExpected,
  valuesFor,
} from "./stock.ts";

for (const version of VTIGER_VERSIONS) {
  Deno.test({
    name: `replay: the oracle's recordings on stock Vtiger ${version}`,
    ignore: !mysqlTestsEnabled,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      await using session = await openReplaySession(version);
      const facts = await readInstallFacts(session.target.connection, session.base);
      const gap = metadataGap(await readRecordedFacts(), facts);
      const target = {
        ...session.target,
        adaptValues: (module: string, values: Record<string, unknown>) =>
          valuesFor(facts, module, values),
      };
      for (const plan of selectedPlans()) {
        const stock = plan.stock?.includes(version) ?? false;
        if (!stock) continue;
        await t.step(`vtrest: ${plan.scenario}`, async () => {
          await session.reset();
          const golden = await readGolden(plan.scenario);
          const replayed = await replayScenario(target, golden, () => "vtrest");
          const actual = stockActual(annotateTimes(normalize(replayed.raw)), facts, gap);
          const expected = stockExpected(
            intendedScenario(annotateTimes(golden), () => true),
            facts,
            gap,
          );
          const differences = compareScenarios(expected, actual);
          assert.deepEqual(differences, [], differences.join("\n"));
        });
      }
    },
  });
}
