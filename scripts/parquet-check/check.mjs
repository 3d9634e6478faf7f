// Compares a CSV table with the Parquet file of the same sweep, read by DuckDB (an independent reader):
// same row count and no row in one that is not in the other. Exit 0 when they agree.
// Usage: node check.mjs FILE.csv FILE.parquet
import { DuckDBInstance } from '@duckdb/node-api';
const [csvPath, pqPath] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const q = async (sql) => (await c.runAndReadAll(sql)).getRows();
const n = (await q(`select count(*) from read_parquet('${pqPath}')`))[0][0];
const m = (await q(`select count(*) from read_csv('${csvPath}', header=true, all_varchar=true)`))[0][0];
const diff = (await q(`select count(*) from (
  (select * from read_parquet('${pqPath}') except all select * from read_csv('${csvPath}', header=true, types={'run_id':'BIGINT'}))
  union all
  (select * from read_csv('${csvPath}', header=true, types={'run_id':'BIGINT'}) except all select * from read_parquet('${pqPath}')))`))[0][0];
console.log(`${pqPath}: ${n} rows, CSV ${m} rows, rows in one and not the other: ${diff}`);
process.exit(n === m && diff === 0n ? 0 : 1);
