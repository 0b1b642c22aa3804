import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'cdk8s-appkit';
let cached: string | undefined;

/**
 * The folder of this package's package.json. Found by walking up from this file, so it works
 * from `lib/` (ts-node, jest), `build/lib/` (compiled) and `node_modules/cdk8s-appkit/…`.
 */
export function packageRoot(): string {
  if (cached) {
    return cached;
  }
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) {
      cached = dir;
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${__dirname}: `
        + 'install the package with its schemas/ folder (it is listed in package.json "files")');
    }
  }
}
