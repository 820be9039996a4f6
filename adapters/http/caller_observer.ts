/**
 * Lets each request's log line name the user it was made as, without the use
 * cases knowing about requests: the ports a use case calls once it knows the
 * user (privileges are loaded only for an authenticated caller; a session is
 * saved only by a successful login) note the user id on the current request's
 * scope (request_scope.ts), which the log line reads once it is answered.
 *
 * @module
 */

import type { Ports } from "../../application/use_cases.ts";
import type { AccessPolicy, SessionStore } from "../../domain/ports.ts";
import { wrapping } from "./port_wrapping.ts";
import { currentScope } from "./request_scope.ts";

function noteUser(userId: number): void {
  const scope = currentScope();
  if (scope !== undefined) scope.userId = userId;
}

/**
 * The same ports, with the access policy and session store noting the
 * caller's user id on the request being answered (outside a request, they
 * behave exactly as before).
 */
export function observeCallers<T extends Pick<Ports, "policy" | "sessions">>(ports: T): T {
  const { policy, sessions } = ports;
  const privilegesFor: AccessPolicy["privilegesFor"] = async (user) => {
    const privileges = await policy.privilegesFor(user);
    noteUser(user.id);
    return privileges;
  };
  const save: SessionStore["save"] = async (session) => {
    await sessions.save(session);
    noteUser(session.userId);
  };
  return {
    ...ports,
    policy: wrapping(policy, "privilegesFor", privilegesFor),
    sessions: wrapping(sessions, "save", save),
  };
}
