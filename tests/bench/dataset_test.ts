/**
 * The benchmark's data set: rows that fit their columns, owners the load
 * generator can predict, and labels built as Vtiger builds them.
 */

import assert from "node:assert/strict";
import {
  accountCrmid,
  accountRows,
  BENCH_GROUP_ID,
  contactCrmid,
  contactRows,
  NON_ADMIN,
  NON_ADMIN_RESIDUES,
  ownerOf,
  OWNERS,
} from "../../bench/seed/dataset.ts";

Deno.test("every row of every table has one cell per column", () => {
  for (const part of [...accountRows(1, 12), ...contactRows(1, 12, 12)]) {
    for (const row of part.rows) assert.equal(row.length, part.columns.length, part.table);
  }
});

Deno.test("the non-admin's residues are exactly the records they or their group own", () => {
  for (let i = 1; i <= 5 * OWNERS.length; i++) {
    const reachable = ownerOf(i) === NON_ADMIN.id || ownerOf(i) === BENCH_GROUP_ID;
    assert.equal(NON_ADMIN_RESIDUES.includes(i % OWNERS.length), reachable, `record ${i}`);
  }
});

Deno.test("crmids follow each other: Accounts first, then Contacts", () => {
  const [accounts] = accountRows(1, 3);
  const [contacts] = contactRows(1, 2, 3);
  assert.deepEqual(accounts.rows.map((row) => row[0]), [2, 3, 4]);
  assert.deepEqual(contacts.rows.map((row) => row[0]), [5, 6]);
  assert.equal(accountCrmid(3), 4);
  assert.equal(contactCrmid(1, 3), 5);
});

Deno.test("labels are built from the entity name fields, as Vtiger stores them", () => {
  const [crmentity, account] = accountRows(5, 5);
  const labelAt = crmentity.columns.indexOf("label");
  assert.equal(crmentity.rows[0][labelAt], account.rows[0][account.columns.indexOf("accountname")]);
  const [contactEntity, details] = contactRows(1, 1, 5);
  const first = details.rows[0][details.columns.indexOf("firstname")];
  const last = details.rows[0][details.columns.indexOf("lastname")];
  assert.equal(contactEntity.rows[0][labelAt], `${first} ${last}`);
});

Deno.test("each Contact is linked to an existing Account", () => {
  const details = contactRows(1, 20, 7)[1];
  const accountAt = details.columns.indexOf("accountid");
  for (const row of details.rows) {
    assert.ok(
      Number(row[accountAt]) >= accountCrmid(1) && Number(row[accountAt]) <= accountCrmid(7),
    );
  }
});
