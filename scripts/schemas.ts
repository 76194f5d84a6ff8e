/**
 * Writes schemas/<command>.schema.json from the contract (src/report/contract.ts): the JSON Schemas
 * shipped in the package. `npm run schemas`; a test fails when the files are not current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { CONTRACTS, jsonSchema, type ContractName } from '../src/report/contract.js';

export const schemaText = (name: ContractName) => JSON.stringify(jsonSchema(name), null, 2) + '\n';

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('schemas', { recursive: true });
  for (const name of Object.keys(CONTRACTS) as ContractName[]) writeFileSync(`schemas/${name}.schema.json`, schemaText(name));
}
