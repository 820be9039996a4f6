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

const ACCOUNT_TYPES = [
  "Analyst",
  "Competitor",
  "Customer",
  "Integrator",
  "Investor",
  "Partner",
  "Press",
  "Prospect",
  "Reseller",
  "Other",
];

/** The `dependencies` object of the README's picklistdep=1 answer, verbatim. */
const README_DEPENDENCIES =
  `{"Acquired":{"accounttype":["Customer","Integrator","Investor","Partner","Press","Prospect","Reseller","Other"]},"__DEFAULT__":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Press","Prospect","Reseller","Other"]},"Active":{"accounttype":["Analyst","Competitor","Investor","Partner","Press","Prospect","Reseller","Other"]},"Market Failed":{"accounttype":["Analyst","Competitor","Customer","Integrator","Press","Prospect","Reseller","Other"]},"Project Cancelled":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Reseller","Other"]},"Shutdown":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Press","Prospect"]}}`;

function rule(
  sourceValue: string,
  targetValues: string[],
  targetField = "accounttype",
): PicklistDependency {
  return { sourceField: "rating", targetField, sourceValue, targetValues };
}

/** The README's rules as `vtiger_picklist_dependency` stores them, in row order. */
const README_RULES: PicklistDependency[] = [
  rule("Acquired", ACCOUNT_TYPES.filter((v) => v !== "Analyst" && v !== "Competitor")),
  rule("Active", ACCOUNT_TYPES.filter((v) => v !== "Customer" && v !== "Integrator")),
  rule("Market Failed", ACCOUNT_TYPES.filter((v) => v !== "Investor" && v !== "Partner")),
  rule("Project Cancelled", ACCOUNT_TYPES.filter((v) => v !== "Press" && v !== "Prospect")),
  rule("Shutdown", ACCOUNT_TYPES.filter((v) => v !== "Reseller" && v !== "Other")),
];

const allValues = (field: string): string[] => {
  if (field === "accounttype") return ACCOUNT_TYPES;
  if (field === "industry") return ["Banking", "Energy", "Other"];
  throw new Error(`unexpected target field ${field}`);
};

Deno.test("labelledValues keeps the given order and pairs each value with its label", () => {
  const labels: Record<string, string> = { Active: "Actif" };
  const values = labelledValues(
    ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shutdown"],
    (value) => labels[value] ?? value,
  );
  assert.equal(
    JSON.stringify(values),
    `{"Acquired":"Acquired","Active":"Actif","Market Failed":"Market Failed","Project Cancelled":"Project Cancelled","Shutdown":"Shutdown"}`,
  );
  assert.deepEqual(labelledValues([], (v) => v), {});
});

Deno.test("dependencyMap", async (t) => {
  await t.step(
    "the README's dependencies, byte for byte (first rule, __DEFAULT__, the rest)",
    () => {
      assert.equal(JSON.stringify(dependencyMap(README_RULES, allValues)), README_DEPENDENCIES);
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
