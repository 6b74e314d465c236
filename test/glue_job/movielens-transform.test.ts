import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * Runs the Glue job's Spark SQL on DuckDB, over small MovieLens-format files made here, and checks the exact
 * rows. The raw file layout and the SQL are the job's own files.
 */
const JOB = path.join(__dirname, '..', '..', 'glue_job');
const RAW = JSON.parse(readFileSync(path.join(JOB, 'raw_files.json'), 'utf8')) as Record<string, { file: string; required: boolean; columns: [string, string, string][] }>;
const DUCK_TYPES: Record<string, string> = { LONG: 'BIGINT', DOUBLE: 'DOUBLE', STRING: 'VARCHAR', INT: 'INTEGER' };

function statement(name: string, parameters: Record<string, string>): string {
  return readFileSync(path.join(JOB, 'sql', `${name}.sql`), 'utf8').replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    if (!(key in parameters)) throw new Error(`no value for {{${key}}}`);
    return parameters[key];
  });
}

async function loadViews(connection: DuckDBConnection, dir: string): Promise<void> {
  for (const [view, spec] of Object.entries(RAW)) {
    const columns = spec.columns.map(([source, , type]) => `'${source}': '${DUCK_TYPES[type]}'`).join(', ');
    const select = spec.columns.map(([source, name]) => `"${source}" AS ${name}`).join(', ');
    await connection.run(`CREATE VIEW ${view} AS SELECT ${select} FROM read_csv('${path.join(dir, spec.file)}', header = true, columns = {${columns}})`);
  }
}

async function transform(files: Record<string, string>, parameters = { watch_threshold: '0.0', like_threshold: '4.0' }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'movielens-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await loadViews(connection, dir);
  const rows = async (name: string) => (await connection.runAndReadAll(statement(name, parameters))).getRowObjectsJson();
  return { interactions: await rows('interactions'), items: await rows('items'), users: await rows('users') };
}

const RATINGS = [
  'userId,movieId,rating,timestamp',
  '1,1,4.0,964982703',
  '1,3,4.5,964981247',
  '2,1,2.5,964982224',
  '2,50,0.5,964983000',
  '3,3,3.5,964980000',
].join('\n');
const MOVIES = [
  'movieId,title,genres',
  '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
  '3,Grumpier Old Men (1995),Comedy|Romance',
  '50,"Usual Suspects, The (1995)",Crime|Mystery|Thriller',
  '99,Untitled Project,(no genres listed)',
].join('\n');
const USERS = ['userId,gender,age', '1,f,24', '2,M,', '3,,61'].join('\n');

describe('the Glue job transformation (its SQL on DuckDB)', () => {
  test('interactions: event type from the thresholds, ratings below the watch threshold left out, ordered by time', async () => {
    const { interactions } = await transform({ 'ratings.csv': RATINGS, 'movies.csv': MOVIES, 'users.csv': USERS }, { watch_threshold: '1.0', like_threshold: '4.0' });
    expect(interactions).toEqual([
      { USER_ID: '3', ITEM_ID: '3', EVENT_TYPE: 'watch', TIMESTAMP: '964980000' },
      { USER_ID: '1', ITEM_ID: '3', EVENT_TYPE: 'like', TIMESTAMP: '964981247' },
      { USER_ID: '2', ITEM_ID: '1', EVENT_TYPE: 'watch', TIMESTAMP: '964982224' },
      { USER_ID: '1', ITEM_ID: '1', EVENT_TYPE: 'like', TIMESTAMP: '964982703' },
    ]);
  });

  test('items: genres, the year from the title, the first rating as creation time', async () => {
    const { items } = await transform({ 'ratings.csv': RATINGS, 'movies.csv': MOVIES, 'users.csv': USERS });
    expect(items).toEqual([
      { ITEM_ID: '1', GENRES: 'Adventure|Animation|Children|Comedy|Fantasy', YEAR: 1995, CREATION_TIMESTAMP: '964982224' },
      { ITEM_ID: '3', GENRES: 'Comedy|Romance', YEAR: 1995, CREATION_TIMESTAMP: '964980000' },
      { ITEM_ID: '50', GENRES: 'Crime|Mystery|Thriller', YEAR: 1995, CREATION_TIMESTAMP: '964983000' },
      { ITEM_ID: '99', GENRES: null, YEAR: null, CREATION_TIMESTAMP: '0' },
    ]);
  });

  test('users: gender upper-cased, age as a band, blanks as nulls', async () => {
    const { users } = await transform({ 'ratings.csv': RATINGS, 'movies.csv': MOVIES, 'users.csv': USERS });
    expect(users).toEqual([
      { USER_ID: '1', GENDER: 'F', AGE_BAND: '18-24' },
      { USER_ID: '2', GENDER: 'M', AGE_BAND: null },
      { USER_ID: '3', GENDER: null, AGE_BAND: '55-plus' },
    ]);
  });

  test('the same input gives the same output', async () => {
    const files = { 'ratings.csv': RATINGS, 'movies.csv': MOVIES, 'users.csv': USERS };
    expect(await transform(files)).toEqual(await transform(files));
  });

  test('the outputs have exactly the fields of the sample media schemas', async () => {
    const media = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'sample_configs', 'input_media.json'), 'utf8'));
    const fields = (type: string) =>
      media.datasetGroup.datasets.find((d: any) => d.type === type).schema.serviceConfig.schema.fields.map((f: any) => f.name);
    const out = await transform({ 'ratings.csv': RATINGS, 'movies.csv': MOVIES, 'users.csv': USERS });
    expect(Object.keys(out.interactions[0])).toEqual(fields('INTERACTIONS'));
    expect(Object.keys(out.items[0])).toEqual(fields('ITEMS'));
    expect(Object.keys(out.users[0])).toEqual(fields('USERS'));
  });
});
