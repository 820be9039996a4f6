/**
 * The oracle replay (`../shared/vtiger/oracle/`, its README): every recorded
 * scenario of a module vtrest writes is made again through vtrest's HTTP app
 * on a copy of the database it was recorded on (F-RevoCRM 8.0.3, Asia/Tokyo),
 * and must change the database exactly as Vtiger's own webservice did, apart
 * from the intended differences (`intended_differences.ts`). Which scenarios
 * run, and which wait for issue 10, is the one list in `scenarios.ts`.
 *
 * First, the harness is checked against the recordings themselves: each
 * scenario made entirely of fixture steps (its recorded rows applied) must
 * snapshot, diff and normalize back to exactly its golden file, so that a
 * difference the replay finds is vtrest's, not the harness's.
 *
 * One dump load serves every scenario: the database is put back to the
 * loaded state before each.
 *
 * @module
 */

import assert from "node:assert/strict";
import { mysqlTestsEnabled } from "../vtiger_test_database.ts";
import { annotateTimes, compareScenarios } from "./compare.ts";
import { readGolden } from "./golden.ts";
import { intendedScenario } from "./intended_differences.ts";
import { normalize } from "./normalize.ts";
import { replayScenario } from "./replay.ts";
import { openReplaySession } from "./replay_session.ts";
import { selectedPlans, stepMode } from "./scenarios.ts";

Deno.test({
  name: "replay: the oracle's recordings on F-RevoCRM 8.0.3",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using session = await openReplaySession("frevocrm-8.0.3");
    for (const plan of selectedPlans()) {
      await t.step(`harness: ${plan.scenario} applied as fixtures gives itself back`, async () => {
        await session.reset();
        const golden = await readGolden(plan.scenario);
        const replayed = await replayScenario(session.target, golden, () => "fixture");
        const actual = normalize(replayed.raw);
        assert.deepEqual(actual.records, golden.records);
        const differences = compareScenarios(annotateTimes(golden), annotateTimes(actual));
        assert.deepEqual(differences, [], differences.join("\n"));
        for (const [index, step] of actual.steps.entries()) {
          assert.deepEqual(step.before, golden.steps[index].before, `step ${index + 1} counters`);
          assert.deepEqual(step.tables, golden.steps[index].tables, `step ${index + 1} tables`);
        }
      });
    }
    for (const plan of selectedPlans()) {
      await t.step({
        name: `vtrest: ${plan.scenario}${plan.pending === undefined ? "" : ` (${plan.pending})`}`,
        ignore: plan.pending !== undefined,
        fn: async () => {
          await session.reset();
          const golden = await readGolden(plan.scenario);
          const replayed = await replayScenario(
            session.target,
            golden,
            (step) => stepMode(plan, step),
          );
          replayed.answers.forEach((answer, index) => {
            const recorded = golden.steps[index].answer as { success?: boolean } | undefined;
            if (answer === undefined || recorded?.success === undefined) return;
            assert.equal(
              answer.body.success,
              recorded.success,
              `step ${index + 1}: vtrest answered ${JSON.stringify(answer.body)}`,
            );
          });
          const actual = annotateTimes(normalize(replayed.raw));
          const expected = intendedScenario(
            annotateTimes(golden),
            (step) => stepMode(plan, step) === "vtrest",
          );
          const differences = compareScenarios(expected, actual);
          assert.deepEqual(differences, [], differences.join("\n"));
        },
      });
    }
  },
});
