/**
 * The privacy checks of the permission scenario, run on its records before
 * its final deletes: references may only point at records the caller may
 * read, with one answer for absent, deleted and unreadable records; comments
 * are reachable only through a parent the caller may read, and changed or
 * deleted by their author (or an administrator) only.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { UseCases } from "../../application/use_cases.ts";
import type { DomainError, ErrorCode } from "../../domain/errors.ts";
import type { RecordView } from "../../domain/record.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { CONTACTS, EXPECTATIONS, SCENARIO_USERS } from "./_permissions_scenario.ts";

/** What the privacy checks need from the scenario run. */
export interface PrivacyEnv {
  /** The use cases on the adapter's ports. */
  readonly useCases: UseCases;
  /** Tokens by user name (`admin` included). */
  readonly tokens: ReadonlyMap<string, string>;
  /** The scenario records' ids by key. */
  readonly id: (key: string) => number;
  /** Asserts the call fails with the code and changes nothing; returns the error. */
  readonly refused: (
    call: () => Promise<unknown>,
    code: ErrorCode,
    what: string,
  ) => Promise<DomainError>;
}

/** The comments the checks make: key, parent record key, author. */
const COMMENTS: readonly [key: string, parent: string, author: string][] = [
  ["k1", "c1", "admin"],
  ["k3", "c3", "admin"],
  ["ka", "a2", "admin"],
  ["ks", "c1", "sales1"],
];

/** A message with the record id it quotes replaced, to compare answers for different ids. */
function withoutId(error: DomainError, id: number): string {
  return error.message.replaceAll(String(id), "ID");
}

/** Runs the privacy checks as steps of `t`. */
export async function runPrivacyChecks(t: Deno.TestContext, env: PrivacyEnv): Promise<void> {
  const { useCases, tokens, id, refused } = env;
  const admin = tokens.get("admin")!;
  const comments = new Map<string, number>();
  for (const [key, parent, author] of COMMENTS) {
    comments.set(
      key,
      await useCases.createRecord.execute({
        token: tokens.get(author)!,
        module: "ModComments",
        values: { commentcontent: `Comment ${key}`, related_to: String(id(parent)) },
      }),
    );
  }
  const comment = (key: string): number => comments.get(key)!;
  const commentKey = (record: RecordView): string =>
    [...comments].find(([, value]) => String(value) === record.record_id)?.[0] ??
      `#${record.record_id}`;
  const gone = await useCases.createRecord.execute({
    token: admin,
    module: "Contacts",
    values: { firstname: "Deleted", lastname: "Contact", assigned_user_id: "9" },
  });
  await useCases.deleteRecord.execute({ token: admin, module: "Contacts", id: gone });

  for (const user of SCENARIO_USERS) {
    const token = tokens.get(user.userName)!;
    const readable = EXPECTATIONS[user.userName].contacts.read;
    const hidden = CONTACTS.filter((key) => !readable.includes(key));
    const reachable = COMMENTS.filter(([, parent]) =>
      parent.startsWith("a") || readable.includes(parent)
    )
      .map(([key]) => key);

    await t.step(
      `${user.userName}: lists and reads only comments of records they read`,
      async () => {
        const all = await useCases.listRecords.execute({ token, module: "ModComments" });
        assert.deepEqual(all.map(commentKey), reachable);
        const paged: string[] = [];
        for (let start = 0; start < COMMENTS.length; start++) {
          const page = await useCases.listRecords.execute({
            token,
            module: "ModComments",
            start,
            length: 1,
          });
          paged.push(...page.map(commentKey));
        }
        assert.deepEqual(paged, reachable, "pages hold exactly the reachable comments");
        for (const [key] of COMMENTS) {
          const read = useCases.getRecord.execute({
            token,
            module: "ModComments",
            id: comment(key),
          });
          if (reachable.includes(key)) assert.equal((await read).record_id, String(comment(key)));
          else {await rejectsDomainError(
              read,
              "ACCESS_DENIED",
              `ModComments record ${comment(key)}`,
            );}
        }
      },
    );

    await t.step(`${user.userName}: changes and deletes only their own comments`, async () => {
      for (const [key, , author] of COMMENTS) {
        if (author === user.userName) continue;
        const what = `${user.userName} on ${key}`;
        await refused(
          () =>
            useCases.updateRecord.execute({
              token,
              module: "ModComments",
              id: comment(key),
              values: { commentcontent: "Rewritten" },
            }),
          "ACCESS_DENIED",
          `${what}: update`,
        );
        await refused(
          () => useCases.deleteRecord.execute({ token, module: "ModComments", id: comment(key) }),
          "ACCESS_DENIED",
          `${what}: delete`,
        );
      }
    });

    await t.step(
      `${user.userName}: links only to records they read, and learns nothing`,
      async () => {
        const own = id(EXPECTATIONS[user.userName].contacts.write[0]);
        const probes = [...hidden.map(id), gone, 999999];
        const tryLink = async (what: string, call: (target: number) => Promise<unknown>) => {
          const answers = new Set<string>();
          for (const target of probes) {
            const error = await refused(() => call(target), "ACCESS_DENIED", `${what} → ${target}`);
            answers.add(withoutId(error, target));
          }
          assert.equal(
            answers.size,
            1,
            `${what}: one answer for every id\n${[...answers].join("\n")}`,
          );
        };
        await tryLink("comment", (target) =>
          useCases.createRecord.execute({
            token,
            module: "ModComments",
            values: { commentcontent: "Probe", related_to: String(target) },
          }));
        await tryLink("reports to", (target) =>
          useCases.updateRecord.execute({
            token,
            module: "Contacts",
            id: own,
            values: { contact_id: String(target) },
          }));
        await tryLink("task contact", (target) =>
          useCases.createRecord.execute({
            token,
            module: "Calendar",
            values: taskValues({ contact_id: String(target) }),
          }));
        await tryLink("task parent", (target) =>
          useCases.createRecord.execute({
            token,
            module: "Calendar",
            values: taskValues({ parent_id: String(target) }),
          }));
        if (!reachable.includes("k3")) {
          const error = await refused(
            () =>
              useCases.createRecord.execute({
                token,
                module: "ModComments",
                values: {
                  commentcontent: "Reply",
                  related_to: String(id("c1")),
                  parent_comments: String(comment("k3")),
                },
              }),
            "ACCESS_DENIED",
            "a reply to an unreachable comment",
          );
          assert.match(
            error.message,
            /may only point to a record of ModComments that you may read/,
          );
        }
        await rejectsDomainError(
          useCases.createRecord.execute({
            token,
            module: "Calendar",
            values: taskValues({ parent_id: String(id(readable[0])) }),
          }),
          "INVALID_FIELD_VALUE",
          `is a record of Contacts`,
        );
        const task = await useCases.createRecord.execute({
          token,
          module: "Calendar",
          values: taskValues({ contact_id: String(id(readable[0])), parent_id: String(id("a2")) }),
        });
        assert.equal(
          (await useCases.getRecord.execute({ token, module: "Calendar", id: task })).contact_id,
          String(id(readable[0])),
        );
        assert.equal(
          await useCases.updateRecord.execute({
            token,
            module: "Contacts",
            id: own,
            values: { contact_id: String(id(readable[0])) },
          }),
          own,
        );
      },
    );
  }

  await t.step("a reference the record already holds may be sent again", async () => {
    const sales2 = tokens.get("sales2")!;
    const own = id("c2");
    await useCases.updateRecord.execute({
      token: admin,
      module: "Contacts",
      id: own,
      values: { contact_id: String(id("c3")) },
    });
    assert.equal(
      await useCases.updateRecord.execute({
        token: sales2,
        module: "Contacts",
        id: own,
        values: { contact_id: String(id("c3")), description: "resent" },
      }),
      own,
    );
    await useCases.updateRecord.execute({
      token: admin,
      module: "Contacts",
      id: own,
      values: { contact_id: "0" },
    });
  });

  await t.step("authors change and delete their comments; administrators any", async () => {
    const sales1 = tokens.get("sales1")!;
    const update = (token: string, key: string) =>
      useCases.updateRecord.execute({
        token,
        module: "ModComments",
        id: comment(key),
        values: { commentcontent: "Edited" },
      });
    assert.equal(await update(sales1, "ks"), comment("ks"));
    assert.equal(await update(admin, "k3"), comment("k3"));
    const read = await useCases.getRecord.execute({
      token: admin,
      module: "ModComments",
      id: comment("ks"),
    });
    assert.equal(read.commentcontent, "Edited");
    assert.equal(
      await useCases.deleteRecord.execute({
        token: sales1,
        module: "ModComments",
        id: comment("ks"),
      }),
      true,
    );
    assert.equal(
      await useCases.deleteRecord.execute({
        token: admin,
        module: "ModComments",
        id: comment("k1"),
      }),
      true,
    );
  });
}

/** The values of a task, with the references given. */
function taskValues(references: Record<string, string>): Record<string, string> {
  return {
    subject: "Probe",
    date_start: "2024-01-05 10:00:00",
    due_date: "2024-01-06",
    taskstatus: "Not Started",
    ...references,
  };
}
