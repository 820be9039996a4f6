/**
 * Picklist values with labels, and the dependency map in Vtiger's own order.
 */

import assert from "node:assert/strict";
import {
  DEFAULT_DEPENDENCY_KEY,
  dependencyMap,
  labelledValues,
  type PicklistDependency,
} from "../../domain/picklist.ts";
import {
  ACCOUNT_TYPES,
  RATING_VALUES,
  README_DEPENDENCIES_JSON,
  README_RATING_DEPENDENCIES,
  README_RATING_PICKLIST,
} from "../_fixtures/readme.ts";

function rule(
  sourceValue: string,
  targetValues: readonly string[],
  targetField = "accounttype",
): PicklistDependency {
  return { sourceField: "rating", targetField, sourceValue, targetValues };
}

/** The README's rules as `vtiger_picklist_dependency` stores them, in row order. */
const README_RULES: PicklistDependency[] = README_RATING_DEPENDENCIES.map(([source, targets]) =>
  rule(source, targets)
);

const allValues = (field: string): readonly string[] => {
  if (field === "accounttype") return ACCOUNT_TYPES;
  if (field === "industry") return ["Banking", "Energy", "Other"];
  throw new Error(`unexpected target field ${field}`);
};

Deno.test("labelledValues keeps the given order and pairs each value with its label", () => {
  const labels: Record<string, string> = { Active: "Actif" };
  const values = labelledValues(RATING_VALUES, (value) => labels[value] ?? value);
  assert.equal(JSON.stringify(values), JSON.stringify(README_RATING_PICKLIST.values));
  assert.deepEqual(labelledValues([], (v) => v), {});
});

Deno.test("dependencyMap", async (t) => {
  await t.step(
    "the README's dependencies, byte for byte (first rule, __DEFAULT__, the rest)",
    () => {
      assert.equal(
        JSON.stringify(dependencyMap(README_RULES, allValues)),
        README_DEPENDENCIES_JSON,
      );
    },
  );

  await t.step("__DEFAULT__ follows the first rule, whatever the first source value is", () => {
    const reordered = [README_RULES[3], README_RULES[0], README_RULES[4]];
    assert.deepEqual(Object.keys(dependencyMap(reordered, allValues)), [
      "Project Cancelled",
      DEFAULT_DEPENDENCY_KEY,
      "Acquired",
      "Shutdown",
    ]);
  });

  await t.step("__DEFAULT__ lists every value of each target field, in the target's order", () => {
    const map = dependencyMap(README_RULES, allValues);
    assert.deepEqual(map[DEFAULT_DEPENDENCY_KEY], { accounttype: ACCOUNT_TYPES });
  });

  await t.step("several target fields: each joins __DEFAULT__ when its first rule comes", () => {
    const rules = [
      rule("Acquired", ["Customer"]),
      rule("Active", ["Banking"], "industry"),
      rule("Acquired", ["Energy"], "industry"),
    ];
    const map = dependencyMap(rules, allValues);
    assert.equal(
      JSON.stringify(map),
      JSON.stringify({
        Acquired: { accounttype: ["Customer"], industry: ["Energy"] },
        __DEFAULT__: { accounttype: ACCOUNT_TYPES, industry: ["Banking", "Energy", "Other"] },
        Active: { industry: ["Banking"] },
      }),
    );
  });

  await t.step("the map owns copies of the values", () => {
    const targets = ["Customer"];
    const map = dependencyMap([rule("Acquired", targets)], allValues);
    targets.push("Press");
    map.__DEFAULT__.accounttype.push("Changed");
    assert.deepEqual(map.Acquired.accounttype, ["Customer"]);
    assert.equal(ACCOUNT_TYPES.includes("Changed"), false);
  });

  await t.step("no rules, no dependencies", () => {
    assert.deepEqual(dependencyMap([], allValues), {});
  });
});
