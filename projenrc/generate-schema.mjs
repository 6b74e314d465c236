// Generates schema/pipeline-config.schema.json from the TypeScript config contract.
import { writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

export function generateSchema() {
  const schema = createGenerator({
    path: 'lambda/shared/config/pipeline-config.ts',
    tsconfig: "test/tsconfig.json",
    type: 'PipelineConfig',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: true,
  }).createSchema('PipelineConfig');
  schema.$id = 'https://personalize-mlops.dev/schema/pipeline-config.schema.json';
  schema.title = 'personalize-mlops pipeline config';
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1] && process.argv[1].endsWith('generate-schema.mjs')) {
  writeFileSync('schema/pipeline-config.schema.json', generateSchema());
  console.log('wrote schema/pipeline-config.schema.json');
}
