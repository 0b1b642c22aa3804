// `npm run bench -- --write-readme`: the README's speed table is the bench's own Targets table,
// written between two markers, so the numbers in the README are those of one measured run.

export const README_BLOCK_START = '<!-- bench:targets:start (written by `npm run bench -- --with-tests --write-readme`; do not edit) -->';
export const README_BLOCK_END = '<!-- bench:targets:end -->';

/**
 * The README text with the block between the markers replaced by `block`. Throws when the
 * markers are missing, repeated or out of order: the README is never written half-replaced.
 */
export function replaceReadmeBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_BLOCK_START);
  const end = readme.indexOf(README_BLOCK_END);
  if (start < 0 || end < 0) {
    throw new Error(`README.md has no bench block: add the lines ${README_BLOCK_START} and ${README_BLOCK_END} where the table goes`);
  }
  if (readme.indexOf(README_BLOCK_START, start + 1) >= 0 || readme.indexOf(README_BLOCK_END, end + 1) >= 0 || end < start) {
    throw new Error('README.md has its bench block markers more than once or out of order: keep one start line before one end line');
  }
  const body = block.endsWith('\n') ? block : `${block}\n`;
  return `${readme.slice(0, start)}${README_BLOCK_START}\n${body}${readme.slice(end)}`;
}
