/**
 * Checks of the values clients write: typeofdata and uitype helpers, data
 * types, and lengths counted in characters.
 */

import assert from "node:assert/strict";
import { isClientWritable, parseTypeOfData, picklistKindOf } from "../../domain/field.ts";
import { check, MODULE, one, refused } from "./_field_values.ts";

Deno.test("typeofdata and uitype helpers", () => {
  assert.deepEqual(parseTypeOfData("V~M~LE~100"), { dataType: "V", mandatory: true });
  assert.deepEqual(parseTypeOfData("DT~O"), { dataType: "DT", mandatory: false });
  assert.deepEqual(parseTypeOfData("NN~m"), { dataType: "NN", mandatory: true });
  assert.deepEqual(parseTypeOfData(""), { dataType: "V", mandatory: false });
  assert.equal(picklistKindOf(15), "role");
  assert.equal(picklistKindOf(16), "plain");
  assert.equal(picklistKindOf(33), "multi");
  assert.equal(picklistKindOf(1), undefined);
  const byName = (name: string) => MODULE.fields.find((f) => f.name === name)!;
  assert.equal(isClientWritable(byName("subject")), true);
  assert.equal(isClientWritable(byName("assigned_user_id")), true);
  assert.equal(isClientWritable(byName("test_no")), false);
  assert.equal(isClientWritable(byName("createdtime")), false);
  assert.equal(isClientWritable(byName("modifiedby")), false);
  assert.equal(isClientWritable(byName("external")), false);
});

Deno.test("checkFieldValues by data type", async (t) => {
  await t.step("V: kept as given, trimmed", () => {
    assert.equal(one("note", "  hello  "), "hello");
    assert.equal(one("note", "a\r\nb"), "a\r\nb");
  });

  await t.step("I: whole numbers within a signed 32-bit INT", () => {
    assert.equal(one("hours", "42"), "42");
    assert.equal(one("hours", "-7"), "-7");
    assert.equal(one("hours", "+5"), "5");
    assert.equal(one("hours", "007"), "7");
    assert.equal(one("hours", " 12 "), "12");
    assert.equal(one("hours", "2147483647"), "2147483647");
    assert.equal(one("hours", "-2147483648"), "-2147483648");
    for (const bad of ["2147483648", "-2147483649", "1.5", "abc", "1e3", "12a", "0x10", "- 1"]) {
      refused("hours", bad, `Field 'hours' must be an integer, not '${bad}'`);
    }
  });

  await t.step("N and NN: decimal numbers, kept as written", () => {
    for (const name of ["amount", "ratio"]) {
      assert.equal(one(name, "1234.50"), "1234.50");
      assert.equal(one(name, "-0.5"), "-0.5");
      assert.equal(one(name, ".5"), ".5");
      assert.equal(one(name, "5."), "5.");
      assert.equal(one(name, "0.00000000"), "0.00000000");
      for (const bad of ["1,5", "1e3", "abc", ".", "1.2.3", "NaN", "Infinity"]) {
        refused(name, bad, `Field '${name}' must be a number, not '${bad}'`);
      }
    }
  });

  await t.step("D: real calendar dates YYYY-MM-DD", () => {
    assert.equal(one("due_date", "2017-09-04"), "2017-09-04");
    assert.equal(one("due_date", "2016-02-29"), "2016-02-29");
    for (const bad of ["2017-02-29", "2017-13-01", "2017-04-31", "04/09/2017", "2017-9-4", "x"]) {
      refused("due_date", bad, `must be a date YYYY-MM-DD, not '${bad}'`);
    }
  });

  await t.step("DT: date and time, seconds and time optional", () => {
    assert.equal(one("start_at", "2017-09-04 09:29:22"), "2017-09-04 09:29:22");
    assert.equal(one("start_at", "2017-09-04 09:29"), "2017-09-04 09:29:00");
    assert.equal(one("start_at", "2017-09-04"), "2017-09-04 00:00:00");
    for (
      const bad of [
        "2017-09-04T09:29:22",
        "2017-09-04 25:00:00",
        "2017-09-04 09:60",
        "2017-02-30 10:00",
        "2017-09-04 9:29",
        "2017-09-04 09:29:22 UTC",
        "2017-09-04  09:29",
      ]
    ) {
      refused("start_at", bad, "must be a date and time YYYY-MM-DD HH:MM:SS");
    }
  });

  await t.step("T: times, seconds optional, kept as written (as Vtiger stores them)", () => {
    assert.equal(one("start_time", "09:30"), "09:30");
    assert.equal(one("start_time", "23:59:59"), "23:59:59");
    assert.equal(one("start_time", " 00:00 "), "00:00");
    for (const bad of ["24:00", "9:30", "09:60", "09:30:60", "0930", "noon"]) {
      refused("start_time", bad, `must be a time HH:MM:SS, not '${bad}'`);
    }
  });

  await t.step("E: e-mail addresses", () => {
    assert.equal(one("email", "contact@mediatoolbox.fr"), "contact@mediatoolbox.fr");
    assert.equal(one("email", "first.last+tag@sub.example.com"), "first.last+tag@sub.example.com");
    for (const bad of ["not-an-email", "a@b", "a b@c.fr", "<a@b.fr>", "@b.fr", "a@@b.fr"]) {
      refused("email", bad, `must be an e-mail address, not '${bad}'`);
    }
  });

  await t.step("C: checkbox words normalized to 1 or 0", () => {
    const cases: [string, string][] = [
      ["1", "1"],
      ["0", "0"],
      ["on", "1"],
      ["off", "0"],
      ["yes", "1"],
      ["no", "0"],
      ["true", "1"],
      ["false", "0"],
      ["ON", "1"],
      ["Yes", "1"],
      ["FALSE", "0"],
    ];
    for (const [given, stored] of cases) assert.equal(one("done", given), stored, given);
    for (const bad of ["2", "maybe", "-1", "y"]) refused("done", bad, "must be 0 or 1");
  });

  await t.step("owner, user and record references: ids only, leading zeros dropped", () => {
    assert.equal(one("assigned_user_id", "5"), "5");
    assert.equal(one("assigned_user_id", "05"), "5");
    assert.equal(one("reports_to", "1"), "1");
    assert.equal(one("parent_id", "3"), "3");
    assert.equal(one("parent_id", "0"), "0");
    refused("assigned_user_id", "admin", "must be a record or user id");
    refused("reports_to", "-1", "must be a record or user id");
    refused("parent_id", "3; DROP TABLE x", "must be a record or user id");
    assert.equal(one("parent_id", "2147483647"), "2147483647");
    for (const big of ["2147483648", "99999999999999999999999"]) {
      refused("parent_id", big, `Field 'parent_id' must be a record or user id, not '${big}'`);
      refused("assigned_user_id", big, `must be a record or user id, not '${big}'`);
    }
  });

  await t.step("several values are checked and normalized together", () => {
    assert.deepEqual(check({ subject: " Hi ", hours: "+3", done: "on", note: "" }), {
      subject: "Hi",
      hours: "3",
      done: "1",
      note: "",
    });
  });
});

Deno.test("checkFieldValues: lengths are counted in characters", async (t) => {
  await t.step("ten two-byte characters fit a 10-character field", () => {
    assert.equal(one("note", "é".repeat(10)), "é".repeat(10));
  });

  await t.step("eleven do not, and the message says how many there were", () => {
    refused("note", "é".repeat(11), "Field 'note' holds at most 10 characters, not 11");
  });

  await t.step("characters outside the BMP count once, not as two UTF-16 units", () => {
    assert.equal("😀".repeat(10).length, 20);
    assert.equal(one("note", "😀".repeat(10)), "😀".repeat(10));
    refused("note", "😀".repeat(11), "not 11");
  });

  await t.step("CJK text", () => {
    assert.equal(one("subject", "東京都千代田区丸の内"), "東京都千代田区丸の内");
    refused("subject", "東京都千代田区丸の内一丁", "at most 10 characters, not 12");
  });

  await t.step("the trimmed value is measured", () => {
    assert.equal(one("note", "   abcdefghij   "), "abcdefghij");
  });
});
