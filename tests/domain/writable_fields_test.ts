/**
 * Which fields clients may write: mandatory, read-only, unknown and hidden
 * fields, missing mandatory fields, and the fields that need a storage check.
 */

import assert from "node:assert/strict";
import {
  missingMandatoryFields,
  picklistFieldsIn,
  referenceFieldsIn,
  requireMandatoryFields,
} from "../../domain/field_values.ts";
import { fullGrant } from "../../domain/privileges.ts";
import { throwsDomainError } from "./_assert_error.ts";
import { check, GRANT, MODULE, refused } from "./_field_values.ts";

Deno.test("checkFieldValues: which fields may be written", async (t) => {
  await t.step("an update cannot empty a mandatory field", () => {
    refused("subject", "", "Field 'subject' is mandatory and cannot be empty");
    refused("subject", "   ", "mandatory");
    refused("assigned_user_id", "", "mandatory");
  });

  await t.step("a create keeps an empty mandatory value for the missing-fields check", () => {
    const checked = check({ subject: "  ", note: "x" }, GRANT, "create");
    assert.deepEqual(checked, { subject: "", note: "x" });
    assert.deepEqual(missingMandatoryFields(MODULE, GRANT, checked), ["subject", "status"]);
  });

  await t.step("an optional field can", () => {
    assert.deepEqual(check({ note: "", hours: " " }), { note: "", hours: "" });
  });

  await t.step("unknown fields", () => {
    refused("nosuch", "x", "Field 'nosuch' is not a field of module Tests");
    refused("record_id", "3", "'record_id' is not a field");
    refused("__proto__", "x", "is not a field");
  });

  await t.step("hidden fields read as unknown (their existence is not revealed)", () => {
    assert.equal(check({ secret: "x" }, fullGrant()).secret, "x");
    refused("secret", "x", "Field 'secret' is not a field of module Tests");
  });

  await t.step("read-only fields: record number, system and display-only fields", () => {
    refused("test_no", "T9", "Field 'test_no' of module Tests is read-only");
    refused("createdtime", "2017-09-04 09:29:22", "'createdtime' of module Tests is read-only");
    refused("modifiedby", "1", "read-only");
    refused("summary", "x", "read-only");
    refused("external", "x", "read-only");
  });

  await t.step("display type 3 (set by the program) is written, as Vtiger's save writes it", () => {
    assert.deepEqual(check({ time_begin: "09:30:00" }), { time_begin: "09:30:00" });
  });

  await t.step("the time part of a date-and-time value goes to its time field", () => {
    assert.deepEqual(check({ start_at: "2017-09-04 10:30" }), {
      start_at: "2017-09-04 10:30:00",
      time_begin: "10:30:00",
    });
    assert.deepEqual(check({ start_at: "2017-09-04 10:30", time_begin: "11:00:00" }), {
      start_at: "2017-09-04 10:30:00",
      time_begin: "11:00:00",
    });
    assert.deepEqual(check({ start_at: "2017-09-04" }), { start_at: "2017-09-04 00:00:00" });
  });

  await t.step("a field switched off (presence 1) is accepted and dropped, as Vtiger does", () => {
    assert.deepEqual(check({ salutationtype: "Ms.", note: "x" }), { note: "x" });
  });

  await t.step("a field with one fixed value takes that value only", () => {
    assert.deepEqual(check({ kind: "Task" }), { kind: "Task" });
    assert.deepEqual(check({ kind: "" }), { kind: "" });
    refused("kind", "Meeting", "Field 'kind' of module Tests can only be 'Task', not 'Meeting'");
    assert.deepEqual(
      picklistFieldsIn(MODULE, { kind: "Task", status: "Open" }).map((f) => f.name),
      [
        "status",
      ],
    );
  });

  await t.step("read-only for this user by the grant", () => {
    assert.equal(check({ locked: "x" }, fullGrant()).locked, "x");
    refused("locked", "x", "Field 'locked' of module Tests is read-only");
  });

  await t.step("the first bad field stops the check", () => {
    const error = throwsDomainError(
      () => check({ subject: "ok", hours: "x", email: "y" }),
      "INVALID_FIELD_VALUE",
      "'hours'",
    );
    assert.deepEqual(error.details.fields, ["hours"]);
  });
});

Deno.test("missing mandatory fields", async (t) => {
  await t.step("a value the module's save computes is never required", () => {
    const derived = {
      ...MODULE,
      fields: MODULE.fields.map((field) =>
        field.name === "status" ? { ...field, derived: true } : field
      ),
    };
    assert.deepEqual(missingMandatoryFields(derived, GRANT, {}), ["subject"]);
  });

  await t.step("names each mandatory writable field without a value, in fieldid order", () => {
    assert.deepEqual(missingMandatoryFields(MODULE, GRANT, {}), ["subject", "status"]);
    assert.deepEqual(missingMandatoryFields(MODULE, fullGrant(), {}), [
      "subject",
      "status",
      "category",
      "stage",
    ]);
  });

  await t.step("a field default is not applied (Vtiger's webservice does not either)", () => {
    assert.deepEqual(missingMandatoryFields(MODULE, GRANT, { subject: "x" }), ["status"]);
  });

  await t.step("an empty value counts as missing", () => {
    assert.deepEqual(missingMandatoryFields(MODULE, GRANT, { subject: "", status: "Open" }), [
      "subject",
    ]);
  });

  await t.step("the owner, the record number, hidden and read-only fields are not asked", () => {
    assert.deepEqual(missingMandatoryFields(MODULE, GRANT, { subject: "x", status: "Open" }), []);
  });

  await t.step("requireMandatoryFields throws MANDATORY_FIELDS_MISSING naming them all", () => {
    const error = throwsDomainError(
      () => requireMandatoryFields(MODULE, fullGrant(), { note: "x" }),
      "MANDATORY_FIELDS_MISSING",
      "Mandatory fields of module Tests are missing: subject, status, category, stage",
    );
    assert.deepEqual(error.details.fields, ["subject", "status", "category", "stage"]);
    requireMandatoryFields(MODULE, GRANT, { subject: "x", status: "Open" });
  });
});

Deno.test("fields that need a storage check", async (t) => {
  await t.step("picklist fields with a value", () => {
    assert.deepEqual(
      picklistFieldsIn(MODULE, { status: "Open", tags: "", subject: "x", nosuch: "y" }).map((f) =>
        f.name
      ),
      ["status"],
    );
  });

  await t.step("reference fields with a non-zero value", () => {
    assert.deepEqual(
      referenceFieldsIn(MODULE, {
        assigned_user_id: "1",
        reports_to: "5",
        parent_id: "0",
        hours: "3",
      }).map((f) => f.name),
      ["assigned_user_id", "reports_to"],
    );
    assert.deepEqual(referenceFieldsIn(MODULE, { parent_id: "3" }).map((f) => f.name), [
      "parent_id",
    ]);
  });
});
