/**
 * Short-hands to fabricate {@linkcode PrivilegeFacts} in memory, shaped as a
 * stock Vtiger install stores them: every profile has a tab row and the six
 * standard action rows for each module, and a field row for each field.
 *
 * @module
 */

import type { ModuleDefinition } from "../../domain/module.ts";
import { ACTION_ID, GLOBAL_ACTION_ID } from "../../domain/permissions/combine_profiles.ts";
import type { ProfileFacts, TabFacts } from "../../domain/privilege_facts.ts";

/** What a profile says about one module. */
export interface ModuleProfileSpec {
  /** The module. */
  readonly module: ModuleDefinition;
  /** `vtiger_profile2tab` allows the module (default `true`). */
  readonly tabAllowed?: boolean;
  /** Vtiger action ids the profile denies (`ACTION_ID` values), all others allowed. */
  readonly deniedActions?: readonly number[];
  /** Field names the profile hides (`visible = 1`). */
  readonly hiddenFields?: readonly string[];
  /** Field names the profile shows read-only (`visible = 0, readonly = 1`). */
  readonly readOnlyFields?: readonly string[];
}

/** A profile described by what it changes from "everything allowed". */
export interface ProfileSpec {
  /** `vtiger_profile.profileid`. */
  readonly profileId: number;
  /** Global View all (default `false`). */
  readonly viewAll?: boolean;
  /** Global Edit all (default `false`). */
  readonly editAll?: boolean;
  /** The modules the profile has rows for. */
  readonly modules: readonly ModuleProfileSpec[];
}

/** Builds a profile's permission rows from its description. */
export function profileFacts(spec: ProfileSpec): ProfileFacts {
  const tabPermissions = new Map<number, number>();
  const actionPermissions = new Map<number, Map<number, number>>();
  const visibleFields = new Map<number, number>();
  for (const entry of spec.modules) {
    const { module } = entry;
    tabPermissions.set(module.tabId, entry.tabAllowed === false ? 1 : 0);
    actionPermissions.set(
      module.tabId,
      new Map(
        Object.values(ACTION_ID).map((id) => [id, entry.deniedActions?.includes(id) ? 1 : 0]),
      ),
    );
    for (const field of module.fields) {
      if (entry.hiddenFields?.includes(field.name)) continue;
      visibleFields.set(field.id, entry.readOnlyFields?.includes(field.name) ? 1 : 0);
    }
  }
  return {
    profileId: spec.profileId,
    globalPermissions: new Map([
      [GLOBAL_ACTION_ID.viewAll, spec.viewAll ? 0 : 1],
      [GLOBAL_ACTION_ID.editAll, spec.editAll ? 0 : 1],
    ]),
    tabPermissions,
    actionPermissions,
    visibleFields,
  };
}

/** An active module's facts with its organisation sharing level (0 to 3). */
export function activeTab(sharingLevel: number | undefined): TabFacts {
  return { active: true, ownedBy: 0, ...(sharingLevel === undefined ? {} : { sharingLevel }) };
}

/** The ids of every field of the modules: what `vtiger_def_org_field` shows by default. */
export function allFieldIds(modules: readonly ModuleDefinition[]): Set<number> {
  return new Set(modules.flatMap((module) => module.fields.map((field) => field.id)));
}
