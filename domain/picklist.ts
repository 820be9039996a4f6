/**
 * Picklist values and their dependencies, in the shapes the protocol returns.
 *
 * @module
 */

/** A dependency rule of `vtiger_picklist_dependency`: a source value allows these target values. */
export interface PicklistDependency {
  /** The picklist field the rule starts from. */
  readonly sourceField: string;
  /** The dependent picklist field. */
  readonly targetField: string;
  /** The source value the rule applies to. */
  readonly sourceValue: string;
  /** The target values allowed for that source value. */
  readonly targetValues: readonly string[];
}

/** Values keyed by value, each mapped to its translated label. */
export type PicklistValues = Record<string, string>;

/** `{source value or __DEFAULT__: {target field: [values]}}`. */
export type PicklistDependencies = Record<string, Record<string, string[]>>;

/** The result of a picklist call. */
export interface PicklistResult {
  /** The values in `sortorderid` order with their labels. */
  values: PicklistValues;
  /** Present when dependencies were asked for. */
  dependencies?: PicklistDependencies;
}

/** The key under which every value of each target field is listed. */
export const DEFAULT_DEPENDENCY_KEY = "__DEFAULT__";

/** Pairs values (already in order) with their labels. */
export function labelledValues(
  values: readonly string[],
  translate: (value: string) => string,
): PicklistValues {
  // fromEntries defines own properties: a value named `__proto__` stays a value.
  return Object.fromEntries(values.map((value) => [value, translate(value)]));
}

/**
 * Builds the dependency map in Vtiger's own order: each source value as its
 * rule comes, and `__DEFAULT__` (all values of a target field) right after the
 * first rule that names that target field.
 */
export function dependencyMap(
  rules: readonly PicklistDependency[],
  allTargetValues: (targetField: string) => readonly string[],
): PicklistDependencies {
  // Maps while building: stored values such as `__proto__` or `constructor` are plain keys.
  const map = new Map<string, Map<string, string[]>>();
  const entry = (key: string) => map.get(key) ?? map.set(key, new Map()).get(key)!;
  for (const rule of rules) {
    entry(rule.sourceValue).set(rule.targetField, [...rule.targetValues]);
    const defaults = entry(DEFAULT_DEPENDENCY_KEY);
    if (!defaults.has(rule.targetField)) {
      defaults.set(rule.targetField, [...allTargetValues(rule.targetField)]);
    }
  }
  return Object.fromEntries(
    [...map].map(([source, targets]) => [source, Object.fromEntries(targets)]),
  );
}
