import assert from "node:assert/strict";
import { MAX_INVITEES, parseInvitees } from "../../../domain/calendar/invitees.ts";
import { DomainError } from "../../../domain/errors.ts";

Deno.test("invitees: ids separated by ; or , plain or as webservice ids, each once", () => {
  assert.deepEqual(parseInvitees("5;7"), [5, 7]);
  assert.deepEqual(parseInvitees(" 19x5 , 7;5; "), [5, 7]);
  assert.deepEqual(parseInvitees(""), []);
  assert.deepEqual(parseInvitees(";"), []);
});

Deno.test("invitees: anything but user ids is refused, and so are too many", () => {
  for (const text of ["bob", "12x5", "0", "-3", "5.5", "99999999999"]) {
    assert.throws(
      () => parseInvitees(text),
      (error) => error instanceof DomainError && error.code === "INVALID_FIELD_VALUE",
      text,
    );
  }
  const many = Array.from({ length: MAX_INVITEES + 1 }, (_, index) => index + 1).join(";");
  assert.throws(() => parseInvitees(many), /at most 100/);
});
