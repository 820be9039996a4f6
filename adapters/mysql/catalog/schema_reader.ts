/**
 * What `information_schema` says about the database's tables: each column's
 * type, length and default, and which columns are unique on their own. Read
 * once per metadata refresh, for every table of the schema at once.
 *
 * @module
 */

import { sql } from "kysely";
import type { VtigerDb } from "../database.ts";

/** One column of a table. */
export interface ColumnInfo {
  /** `DATA_TYPE`, lower case (`varchar`, `int`, `decimal`, `date`, ...). */
  readonly dataType: string;
  /** Longest value in characters for text columns (see {@linkcode maxCharacters}). */
  readonly maxLength?: number;
  /** Whether the column accepts NULL. */
  readonly nullable: boolean;
  /** Whether the column has a default (or is AUTO_INCREMENT). */
  readonly hasDefault: boolean;
  /** Whether a foreign key makes the column point to another table's rows. */
  readonly foreignKey?: boolean;
}

/** One table: its columns, and the columns that alone are a unique key. */
export interface TableInfo {
  /** Columns by name. */
  readonly columns: ReadonlyMap<string, ColumnInfo>;
  /** Columns that are, alone, a primary or unique key: one row per value. */
  readonly uniqueColumns: ReadonlySet<string>;
}

/** Every table of the schema, by name. */
export type SchemaInfo = ReadonlyMap<string, TableInfo>;

const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  "tinyint",
  "smallint",
  "mediumint",
  "int",
  "integer",
  "bigint",
  "decimal",
  "numeric",
  "float",
  "double",
  "real",
  "bit",
  "year",
]);

const TEMPORAL_TYPES: ReadonlySet<string> = new Set(["date", "datetime", "timestamp", "time"]);

/** Whether values of the column are numbers. */
export function isNumericColumn(column: ColumnInfo | undefined): boolean {
  return column !== undefined && NUMERIC_TYPES.has(column.dataType);
}

/** Whether values of the column are dates or times. */
export function isTemporalColumn(column: ColumnInfo | undefined): boolean {
  return column !== undefined && TEMPORAL_TYPES.has(column.dataType);
}

const BYTES_PER_CHARACTER: Readonly<Record<string, number>> = {
  latin1: 1,
  ascii: 1,
  utf8: 3,
  utf8mb3: 3,
  utf8mb4: 4,
  ucs2: 2,
  utf16: 4,
  utf32: 4,
};

/**
 * The most characters a text column surely holds: `CHARACTER_MAXIMUM_LENGTH`
 * for CHAR/VARCHAR (counted in characters), and for TEXT types (limited in
 * bytes) the byte limit divided by the widest character of its charset.
 */
export function maxCharacters(
  dataType: string,
  maxLength: number | null,
  octetLength: number | null,
  charset: string | null,
): number | undefined {
  if (maxLength === null) return undefined;
  if (dataType === "char" || dataType === "varchar") return maxLength;
  if (!dataType.endsWith("text") || octetLength === null) return undefined;
  const width = BYTES_PER_CHARACTER[charset ?? "utf8mb4"] ?? 4;
  return Math.floor(octetLength / width);
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  max_length: number | string | null;
  octet_length: number | string | null;
  charset: string | null;
  is_nullable: string;
  column_default: string | null;
  extra: string | null;
}

interface KeyRow {
  table_name: string;
  index_name: string;
  non_unique: number | string;
  column_name: string;
}

const toNumber = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

function hasDefault(row: ColumnRow): boolean {
  if ((row.extra ?? "").toLowerCase().includes("auto_increment")) return true;
  // MariaDB reports a missing default as NULL and a NULL default as the text 'NULL'.
  return row.column_default !== null;
}

/** Reads every column and single-column unique key of the connection's current database. */
export async function readSchema(db: VtigerDb): Promise<SchemaInfo> {
  const columns = await sql<ColumnRow>`
    SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type,
      CHARACTER_MAXIMUM_LENGTH AS max_length, CHARACTER_OCTET_LENGTH AS octet_length,
      CHARACTER_SET_NAME AS charset, IS_NULLABLE AS is_nullable,
      COLUMN_DEFAULT AS column_default, EXTRA AS extra
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()`.execute(db);
  const keys = await sql<KeyRow>`
    SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique,
      COLUMN_NAME AS column_name
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`.execute(db);
  const foreign = await sql<{ table_name: string; column_name: string }>`
    SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`.execute(db);
  const foreignKeys = new Set(
    foreign.rows.map((row) => `${row.table_name}\u0000${row.column_name}`),
  );
  const tables = new Map<string, { columns: Map<string, ColumnInfo>; unique: Set<string> }>();
  for (const row of columns.rows) {
    let table = tables.get(row.table_name);
    if (table === undefined) {
      table = { columns: new Map(), unique: new Set() };
      tables.set(row.table_name, table);
    }
    const dataType = row.data_type.toLowerCase();
    const maxLength = maxCharacters(
      dataType,
      toNumber(row.max_length),
      toNumber(row.octet_length),
      row.charset,
    );
    table.columns.set(row.column_name, {
      dataType,
      ...(maxLength === undefined ? {} : { maxLength }),
      nullable: row.is_nullable === "YES",
      hasDefault: hasDefault(row),
      ...(foreignKeys.has(`${row.table_name}\u0000${row.column_name}`) ? { foreignKey: true } : {}),
    });
  }
  const indexColumns = new Map<string, string[]>();
  for (const row of keys.rows) {
    if (Number(row.non_unique) !== 0) continue;
    const key = `${row.table_name}\u0000${row.index_name}`;
    indexColumns.set(key, [...(indexColumns.get(key) ?? []), row.column_name]);
  }
  for (const [key, names] of indexColumns) {
    if (names.length !== 1) continue;
    tables.get(key.split("\u0000")[0])?.unique.add(names[0]);
  }
  return new Map(
    [...tables].map(([name, table]) => [name, {
      columns: table.columns,
      uniqueColumns: table.unique,
    }]),
  );
}
