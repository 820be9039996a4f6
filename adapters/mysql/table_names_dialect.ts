/**
 * Kysely's MySQL dialect with an introspector that lists table names only.
 *
 * The one user of Kysely's introspection here is its migrator, which asks
 * whether `vtrest_migrations` and its lock table exist, up to three times a
 * run. The stock MySQL introspector answers by joining every column of every
 * table of the database with `information_schema.tables`: half a second on an
 * idle server for Vtiger's 500 tables, and over 30 s on a busy server holding
 * several Vtiger databases, which made first starts time out. Table names come
 * from `information_schema.TABLES` alone, which the server answers without
 * opening a single table.
 *
 * @module
 */

import {
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Kysely,
  MysqlDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from "kysely";

/** Lists the current database's tables and views, each with no column metadata. */
export class TableNamesIntrospector implements DatabaseIntrospector {
  #db: Kysely<unknown>;
  #schemas: DatabaseIntrospector;

  /** Reads through `db`; schema listing is left to the stock introspector. */
  constructor(db: Kysely<unknown>, schemas: DatabaseIntrospector) {
    this.#db = db;
    this.#schemas = schemas;
  }

  /** Every schema (database) of the server, as the stock introspector lists them. */
  getSchemas(): Promise<SchemaMetadata[]> {
    return this.#schemas.getSchemas();
  }

  /** The current database's tables and views, with `columns` left empty. */
  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const result = await sql<{ name: string; schema: string; type: string }>`
      SELECT TABLE_NAME AS name, TABLE_SCHEMA AS ${sql.id("schema")}, TABLE_TYPE AS type
      FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`
      .execute(this.#db);
    return result.rows
      .filter((row) => options.withInternalKyselyTables || !row.name.startsWith("kysely_"))
      .map((row) => ({
        name: row.name,
        schema: row.schema,
        isView: row.type === "VIEW",
        isForeign: false,
        columns: [],
      }));
  }
}

/** {@linkcode MysqlDialect} whose introspector is a {@linkcode TableNamesIntrospector}. */
export class TableNamesMysqlDialect extends MysqlDialect {
  /** The table-names-only introspector over `db`. */
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new TableNamesIntrospector(db, super.createIntrospector(db));
  }
}
