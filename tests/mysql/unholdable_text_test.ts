/**
 * Text that a Vtiger table's character set cannot hold (Vtiger 7.1.0's tables
 * are latin1, 7.3.0's utf8mb3: neither holds an emoji, latin1 no Cyrillic or
 * Chinese) in a criteria value, a user name or an access key: it matches no
 * row, as it cannot be stored, rather than failing the whole request.
 */

import { adminTestPerVersion } from "./mysql_support.ts";
import assert from "node:assert/strict";
import { rejectsDomainError } from "../domain/_assert_error.ts";

const UNHOLDABLE = ["😀", "Ёлка", "中文公司"];

adminTestPerVersion(
  (version) => `text a Vtiger ${version} table cannot hold matches nothing`,
  async (t, { useCases, token }) => {
    const id = await useCases.createRecord.execute({
      token,
      module: "Accounts",
      values: { accountname: "Société €" },
    });
    const list = (criteria: string) =>
      useCases.listRecords.execute({ token, module: "Accounts", criteria });
    const ids = async (criteria: string) =>
      (await list(criteria)).map((record) => record.record_id);

    await t.step("criteria values the column holds still match as before", async () => {
      assert.deepEqual(await ids("accountname:Société €"), [String(id)]);
      assert.deepEqual(await ids("accountname:like:Soci%"), [String(id)]);
    });

    await t.step("every operator compares text the column cannot hold", async () => {
      for (const text of UNHOLDABLE) {
        assert.deepEqual(await ids(`accountname:${text}`), [], text);
        assert.deepEqual(await ids(`vtiger_account.accountname:like:%${text}%`), [], text);
        assert.deepEqual(await ids(`CE.label:lt:${text}`), [String(id)], text);
        assert.deepEqual(await ids(`accountname:neq:${text}`), [String(id)], text);
      }
    });

    await t.step(
      "a user name or access key the table cannot hold fails to log in",
      async () => {
        for (const text of UNHOLDABLE) {
          await rejectsDomainError(
            useCases.loginWithPassword.execute({ userName: text, password: "admin" }),
            "AUTH_FAILED",
          );
          await rejectsDomainError(
            useCases.loginWithPassword.execute({ userName: `admin${text}`, password: "admin" }),
            "AUTH_FAILED",
          );
          await rejectsDomainError(
            useCases.loginWithAccessKey.execute({ accessKey: text }),
            "AUTH_FAILED",
          );
        }
      },
    );
  },
);
