/**
 * Reading values out of a Vtiger install's PHP files (language files,
 * `config.inc.php`) with a real PHP parser (npm `php-parser`), never by
 * running them: only literal values are understood.
 *
 * @module
 */

import { Engine } from "php-parser";

/** A node of php-parser's syntax tree. */
export interface PhpNode {
  /** What the node is (`assign`, `string`, `array`, ...). */
  readonly kind: string;
  /** The node's own properties. */
  readonly [key: string]: unknown;
}

/** Whether a value is a syntax-tree node. */
export function isNode(value: unknown): value is PhpNode {
  return typeof value === "object" && value !== null && "kind" in value;
}

/** The text of a string literal, a number, or a `.` concatenation of them. */
export function literalText(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.kind === "string" || node.kind === "number") return String(node.value);
  if (node.kind === "nowdoc" || node.kind === "encapsed" && node.type === "heredoc") {
    return typeof node.value === "string" ? node.value : undefined;
  }
  if (node.kind === "bin" && node.type === ".") {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/**
 * Every top-level plain assignment `$name = value;` of a PHP file, in file
 * order, as the variable's name and the value's syntax tree.
 */
export function topLevelAssignments(
  source: string,
  fileName: string,
): Array<{ readonly name: string; readonly value: unknown }> {
  const parser = new Engine({
    parser: { extractDoc: false, suppressErrors: true },
    ast: { withPositions: false },
  });
  const program = parser.parseCode(source, fileName) as unknown as PhpNode;
  const assignments: Array<{ name: string; value: unknown }> = [];
  for (const statement of (program.children as unknown[] | undefined) ?? []) {
    if (!isNode(statement) || statement.kind !== "expressionstatement") continue;
    const expression = statement.expression;
    if (!isNode(expression) || expression.kind !== "assign" || expression.operator !== "=") {
      continue;
    }
    const left = expression.left;
    if (!isNode(left) || left.kind !== "variable" || typeof left.name !== "string") continue;
    assignments.push({ name: left.name, value: expression.right });
  }
  return assignments;
}

/** Throws an error naming the install folder when it does not exist or is not a folder. */
export async function requireVtigerFolder(root: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(root);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`The Vtiger folder '${root}' does not exist`);
    }
    throw error;
  }
  if (!info.isDirectory) throw new Error(`The Vtiger folder '${root}' is not a folder`);
}
