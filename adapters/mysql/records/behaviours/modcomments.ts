/**
 * ModComments: a new comment touches the record it is on, as Vtiger's
 * `ModCommentsHandler` does through `trackLinkedInfo` (the parent's
 * `modifiedtime` and `modifiedby`, and a LINK entry in its history naming
 * the comment), before the comment's own creation history.
 *
 * @module
 */

import { trackLinkedInfo } from "../../modules/record_links.ts";
import { copyHeadersOf } from "./header_copy.ts";
import type { CreatedRecord, ModuleWriteBehaviour, WriteScene } from "../write_behaviour.ts";

async function afterCreate(scene: WriteScene, created: CreatedRecord): Promise<void> {
  const parent = Number(created.values.related_to ?? "");
  if (!Number.isSafeInteger(parent) || parent <= 0) return;
  await trackLinkedInfo(scene.trx, {
    sourceId: parent,
    targetId: created.id,
    targetModule: scene.storage.module.name,
    actorId: scene.context.actorId,
    now: scene.now,
  });
  await copyHeadersOf(scene, [parent]);
}

/** A comment's link to its parent. */
export const COMMENT_ON_PARENT: ModuleWriteBehaviour = {
  name: "comment on its parent",
  afterCreate,
};
