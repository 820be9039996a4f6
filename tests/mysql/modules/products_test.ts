/**
 * Products and Services with their taxes and prices, through the use cases on
 * a Vtiger 7.3.0 database: the rows Vtiger's save writes, the taxes read back
 * with the record, criteria, updates that change only what they name, delete.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";
import { rejectsDomainError } from "../../domain/_assert_error.ts";

moduleTest(
  "Products and Services: taxes and prices as Vtiger writes them (7.3.0)",
  async (t, s) => {
    const { useCases, token, database } = s;
    let product = 0;
    let service = 0;

    await t.step("create: a tax row per tax given, a price row for the base currency", async () => {
      product = await useCases.createRecord.execute({
        token,
        module: "Products",
        values: { productname: "Rack server", unit_price: "4999.99", tax1: "4.5", tax3: "12" },
      });
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT taxid, taxpercentage, regions FROM vtiger_producttaxrel
        WHERE productid = ${product} ORDER BY taxid`,
        ),
        [
          { taxid: 1, taxpercentage: "4.500", regions: "[]" },
          { taxid: 3, taxpercentage: "12.000", regions: "[]" },
        ],
      );
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT currencyid, converted_price, actual_price
        FROM vtiger_productcurrencyrel WHERE productid = ${product}`,
        ),
        [{ currencyid: 1, converted_price: "4999.99000000", actual_price: "4999.99000000" }],
      );
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT currency_id FROM vtiger_products WHERE productid = ${product}`,
        ),
        [{ currency_id: 1 }],
      );
      service = await useCases.createRecord.execute({
        token,
        module: "Services",
        values: { servicename: "Installation", unit_price: "800", tax2: "10" },
      });
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_producttaxrel WHERE productid = ${service}`,
        ),
        "1",
      );
    });

    await t.step("read and list: the taxes and prices come with the record", async () => {
      const read = await useCases.getRecord.execute({ token, module: "Products", id: product });
      assert.equal(read.tax1, "4.500");
      assert.equal(read.tax3, "12.000");
      assert.equal(read.tax2, undefined);
      assert.equal(read.currency1, "4999.99000000");
      const listed = await useCases.listRecords.execute({
        token,
        module: "Products",
        criteria: "productname:Rack server",
      });
      assert.deepEqual(listed.map((record) => [record.record_id, record.tax1]), [
        [String(product), "4.500"],
      ]);
    });

    await t.step("update: only the taxes named change; the price follows unit_price", async () => {
      await useCases.updateRecord.execute({
        token,
        module: "Products",
        id: product,
        values: { unit_price: "4499.99", tax1: "8", tax3: "" },
      });
      const read = await useCases.getRecord.execute({ token, module: "Products", id: product });
      assert.deepEqual([read.tax1, read.tax3, read.currency1, read.unit_price], [
        "8.000",
        undefined,
        "4499.99000000",
        "4499.99000000",
      ]);
      await useCases.updateRecord.execute({
        token,
        module: "Services",
        id: service,
        values: { unit_price: "900" },
      });
      const kept = await useCases.getRecord.execute({ token, module: "Services", id: service });
      assert.deepEqual([kept.tax2, kept.currency1], ["10.000", "900.00000000"]);
    });

    await t.step("bad taxes and currencies are refused, writing nothing", async () => {
      await rejectsDomainError(
        useCases.updateRecord.execute({
          token,
          module: "Products",
          id: product,
          values: { tax1: "x" },
        }),
        "INVALID_FIELD_VALUE",
        "Field 'tax1' must be a number",
      );
      await rejectsDomainError(
        useCases.createRecord.execute({
          token,
          module: "Products",
          values: { productname: "P", tax2: "150" },
        }),
        "INVALID_FIELD_VALUE",
        "from 0 to 100",
      );
      await rejectsDomainError(
        useCases.createRecord.execute({
          token,
          module: "Products",
          values: { productname: "P", currency_id: "9" },
        }),
        "INVALID_FIELD_VALUE",
        "active currency",
      );
      await rejectsDomainError(
        useCases.createRecord.execute({
          token,
          module: "Products",
          values: { productname: "P", tax9: "1" },
        }),
        "INVALID_FIELD_VALUE",
        "Field 'tax9' is not a field of module Products",
      );
      assert.equal(await scalar(database, sql`SELECT COUNT(*) FROM vtiger_products`), "1");
    });

    await t.step(
      "delete: the record goes to the recycle bin; its taxes and prices stay",
      async () => {
        await useCases.deleteRecord.execute({ token, module: "Products", id: product });
        assert.equal(
          await scalar(
            database,
            sql`SELECT COUNT(*) FROM vtiger_producttaxrel WHERE productid = ${product}`,
          ),
          "1",
        );
        await rejectsDomainError(
          useCases.getRecord.execute({ token, module: "Products", id: product }),
          "RECORD_NOT_FOUND",
        );
      },
    );
  },
);
