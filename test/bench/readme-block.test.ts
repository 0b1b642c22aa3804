// `npm run bench -- --write-readme` writes the README's speed table from one run: the block
// between the markers is replaced, nothing else; a README without (or with broken) markers is
// refused rather than written half-replaced; the option needs a full run.
import * as fs from 'fs';
import * as path from 'path';
import { README_BLOCK_END, README_BLOCK_START, replaceReadmeBlock } from '../../bench/lib/readme-block';
import { parseOptions } from '../../bench/lib/options';

const README = `# x\n\nbefore\n${README_BLOCK_START}\n| old |\n${README_BLOCK_END}\nafter\n`;

test('replaces only the block between the markers', () => {
  expect(replaceReadmeBlock(README, '| new |\n|---|')).toBe(`# x\n\nbefore\n${README_BLOCK_START}\n| new |\n|---|\n${README_BLOCK_END}\nafter\n`);
});

test('is idempotent', () => {
  const once = replaceReadmeBlock(README, 'table');
  expect(replaceReadmeBlock(once, 'table')).toBe(once);
});

test.each([
  ['no markers', '# x\n', 'README.md has no bench block'],
  ['only the start', `${README_BLOCK_START}\n`, 'README.md has no bench block'],
  ['markers twice', `${README}${README}`, 'README.md has its bench block markers more than once or out of order'],
  ['end before start', `${README_BLOCK_END}\n${README_BLOCK_START}\n`, 'README.md has its bench block markers more than once or out of order'],
])('refuses a README with %s', (_name, readme, message) => {
  expect(() => replaceReadmeBlock(readme, 'table')).toThrow(message);
});

test("the repo's README has exactly one bench block", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme.split(README_BLOCK_START)).toHaveLength(2);
  expect(readme.split(README_BLOCK_END)).toHaveLength(2);
});

test('--write-readme needs every section and size 1000', () => {
  expect(parseOptions(['--with-tests', '--write-readme'], {}).writeReadme).toBe(true);
  const refused = '--write-readme needs a full run (the README table has every target): use it with --with-tests, without --only, with 1000 in --sizes';
  expect(() => parseOptions(['--write-readme'], {})).toThrow(refused);
  expect(() => parseOptions(['--with-tests', '--write-readme', '--sizes', '10'], {})).toThrow(refused);
  expect(() => parseOptions(['--write-readme', '--only', 'scale,tests'], {})).toThrow(refused);
});
