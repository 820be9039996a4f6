/**
 * ModComments through HTTP on a Vtiger 7.3.0 database: a comment touches its
 * parent as Vtiger's handler does (the parent's modified time and modifier, a
 * LINK entry in its history naming the comment, before the comment's own
 * creation entry); criteria, update and delete of comments.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";

moduleTest("ModComments: a comment touches its parent as Vtiger does (7.3.0)", async (t, s) => {
  const { api, database } = s;
  let account = 0;
  let comment = 0;

  await t.step(
    "create: the parent's LINK history and modified time, then the comment's",
    async () => {
      account = await api.create("Accounts", { accountname: "Commentaires SARL" });
      await database.db.updateTable("vtiger_crmentity")
        .set({ modifiedtime: "2020-01-01 00:00:00", modifiedby: 0 }).where("crmid", "=", account)
        .execute();
      comment = await api.create("ModComments", {
        commentcontent: "Très bien, call Jean on Monday",
        related_to: String(account),
      });
      const history = await rows<Record<string, unknown>>(
        database,
        sql`SELECT b.id, b.crmid, b.module, b.whodid, b.status, r.targetmodule, r.targetid,
          r.changedon = b.changedon AS same_time
        FROM vtiger_modtracker_basic b
        LEFT JOIN vtiger_modtracker_relations r ON r.id = b.id
        WHERE b.crmid IN (${account}, ${comment}) AND b.status <> 2 OR b.crmid = ${comment}
        ORDER BY b.id`,
      );
      assert.deepEqual(
        history.map((row) => [row.crmid, row.module, row.whodid, row.status, row.targetmodule]),
        [
          [account, "Accounts", 1, 4, "ModComments"],
          [comment, "ModComments", 1, 2, null],
        ],
      );
      assert.equal(Number(history[0].targetid), comment);
      assert.equal(Number(history[1].id), Number(history[0].id) + 1);
      const [parent] = await rows<Record<string, unknown>>(
        database,
        sql`SELECT p.modifiedtime = c.createdtime AS moved, p.modifiedby
        FROM vtiger_crmentity p, vtiger_crmentity c WHERE p.crmid = ${account}
        AND c.crmid = ${comment}`,
      );
      assert.deepEqual([Number(parent.moved), parent.modifiedby], [1, 1]);
    },
  );

  await t.step("read and list by parent", async () => {
    const read = await api.read("ModComments", comment);
    assert.equal(read.related_to, String(account));
    const listed = await api.list("ModComments", `related_to:${account}`);
    assert.deepEqual(listed.map((record) => record.record_id), [String(comment)]);
  });

  await t.step("update and delete: no new LINK on the parent", async () => {
    await api.update("ModComments", comment, { commentcontent: "Called" });
    assert.equal((await api.read("ModComments", comment)).commentcontent, "Called");
    await api.remove("ModComments", comment);
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_modtracker_basic WHERE crmid = ${account} AND status = 4`,
      ),
      "1",
    );
  });
});
