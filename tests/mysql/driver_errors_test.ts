/**
 * What the driver throws, mapped onto the protocol's errors: unreachable
 * databases, SQL-free messages, deadlocks and the column a value did not fit.
 * Needs no database.
 */

import assert from "node:assert/strict";
import {
  DatabaseError,
  guarded,
  isConnectionFailure,
  isDeadlock,
  isUnreachable,
  refusedValueColumn,
  translateDriverError,
} from "../../adapters/mysql/driver_errors.ts";
import { DomainError } from "../../domain/errors.ts";

/** An error shaped like mysql2's: a message, a code, a server errno. */
function driverError(code: string, errno?: number, message = `${code}: SELECT secret`): Error {
  return Object.assign(new Error(message), { code, errno });
}

Deno.test("isUnreachable", async (t) => {
  await t.step("connection and server codes that mean the database is out of reach", () => {
    for (const code of ["ECONNREFUSED", "ETIMEDOUT", "PROTOCOL_CONNECTION_LOST", "POOL_CLOSED"]) {
      assert.equal(isUnreachable(driverError(code)), true, code);
    }
    assert.equal(isUnreachable(driverError("ER_ACCESS_DENIED_ERROR", 1045)), true);
    assert.equal(isUnreachable(driverError("ER_LOCK_WAIT_TIMEOUT", 1205)), true);
  });

  await t.step("a fatal error, whatever its code", () => {
    assert.equal(isUnreachable(Object.assign(new Error("gone"), { fatal: true })), true);
  });

  await t.step("found in the causes too, but not deeper than five", () => {
    const wrapped = new Error("outer", {
      cause: new Error("inner", { cause: driverError("EPIPE") }),
    });
    assert.equal(isUnreachable(wrapped), true);
    let deep: Error = driverError("ECONNRESET");
    for (let depth = 0; depth < 5; depth++) deep = new Error(`level ${depth}`, { cause: deep });
    assert.equal(isUnreachable(deep), false);
  });

  await t.step("other errors and non-errors", () => {
    assert.equal(isUnreachable(driverError("ER_DUP_ENTRY", 1062)), false);
    assert.equal(isUnreachable(Object.assign(new Error("x"), { fatal: false })), false);
    for (const value of [undefined, null, "ECONNREFUSED", 42, { code: 42 }]) {
      assert.equal(isUnreachable(value), false, String(value));
    }
  });
});

Deno.test("translateDriverError", async (t) => {
  await t.step("a DomainError passes through unchanged", () => {
    const error = new DomainError("RECORD_NOT_FOUND", "gone");
    assert.equal(translateDriverError(error), error);
  });

  await t.step("an unreachable database is SERVICE_UNAVAILABLE", () => {
    const error = translateDriverError(driverError("ECONNREFUSED"));
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, "SERVICE_UNAVAILABLE");
    assert.equal(error.message, "The Vtiger database cannot be reached; nothing was written");
  });

  await t.step("a DatabaseError passes through unchanged", () => {
    const error = new DatabaseError("The sequence holds no value", undefined);
    assert.equal(translateDriverError(error), error);
  });

  await t.step("anything else: a DatabaseError naming only the code, the driver's in cause", () => {
    const original = driverError("ER_PARSE_ERROR", 1064);
    const error = translateDriverError(original);
    assert.ok(error instanceof DatabaseError);
    assert.equal(error.name, "DatabaseError");
    assert.equal(error.message, "A database operation failed (ER_PARSE_ERROR)");
    assert.equal(error.cause, original);
    assert.doesNotMatch(error.message, /SELECT/);
    assert.equal(translateDriverError("boom").message, "A database operation failed (unknown)");
  });
});

Deno.test("guarded", async (t) => {
  await t.step("gives the operation's value", async () => {
    assert.equal(await guarded(() => Promise.resolve(7)), 7);
  });

  await t.step("rejects with the translated error", async () => {
    await assert.rejects(
      guarded(() => Promise.reject(driverError("ENOTFOUND"))),
      (error: unknown) => error instanceof DomainError && error.code === "SERVICE_UNAVAILABLE",
    );
    await assert.rejects(
      guarded(() => Promise.reject(driverError("ER_NO_SUCH_TABLE", 1146))),
      (error: unknown) => error instanceof DatabaseError && !error.message.includes("SELECT"),
    );
  });
});

Deno.test("isDeadlock: only server error 1213", () => {
  assert.equal(isDeadlock(driverError("ER_LOCK_DEADLOCK", 1213)), true);
  assert.equal(isDeadlock(driverError("ER_LOCK_WAIT_TIMEOUT", 1205)), false);
  assert.equal(isDeadlock({ errno: "1213" }), false);
  assert.equal(isDeadlock(undefined), false);
});

Deno.test("refusedValueColumn", async (t) => {
  await t.step("the column of a value that does not fit, in either quoting", () => {
    const cases: Array<[number, string, string]> = [
      [1406, "Data too long for column 'accountname' at row 1", "accountname"],
      [1264, "Out of range value for column 'employees' at row 1", "employees"],
      [
        1366,
        "Incorrect string value: '\\xF0\\x9F\\x98\\x80' for column `vtiger`.`vtiger_account`." +
        "`accountname` at row 1",
        "accountname",
      ],
      [1292, "Incorrect datetime value: 'x' for column `createdtime` at row 1", "createdtime"],
      [1265, "Data truncated for column 'rating' at row 1", "rating"],
    ];
    for (const [errno, message, column] of cases) {
      assert.equal(refusedValueColumn(driverError("ER_X", errno, message)), column, message);
    }
  });

  await t.step("no column for other errors or messages that name none", () => {
    assert.equal(
      refusedValueColumn(driverError("ER_DUP_ENTRY", 1062, "Duplicate entry for key 'PRIMARY'")),
      undefined,
    );
    assert.equal(refusedValueColumn(driverError("ER_X", 1406, "Data too long")), undefined);
    assert.equal(refusedValueColumn({ errno: 1406 }), undefined);
    assert.equal(refusedValueColumn(null), undefined);
  });
});

Deno.test("isConnectionFailure: the connection's failures, not a statement's", () => {
  const coded = (code: string, extra = {}) => Object.assign(new Error(code), { code, ...extra });
  for (const code of ["ECONNREFUSED", "ETIMEDOUT", "PROTOCOL_CONNECTION_LOST", "ER_BAD_DB_ERROR"]) {
    assert.ok(isConnectionFailure(coded(code)), code);
    assert.ok(isConnectionFailure(translateDriverError(coded(code))), `${code}, translated`);
  }
  assert.ok(isConnectionFailure(coded("ER_SOMETHING", { fatal: true })), "a fatal error");
  for (
    const code of ["ER_LOCK_WAIT_TIMEOUT", "POOL_CLOSED", "ER_NO_SUCH_TABLE", "ER_PARSE_ERROR"]
  ) {
    assert.ok(!isConnectionFailure(coded(code)), code);
  }
  const timeout = Object.assign(new Error("max_statement_time"), { errno: 1969 });
  assert.ok(!isConnectionFailure(timeout), "a statement timeout");
  assert.ok(!isConnectionFailure(translateDriverError(timeout)), "a statement timeout, translated");
  assert.ok(!isConnectionFailure(new DomainError("SERVICE_UNAVAILABLE", "busy")));
});
