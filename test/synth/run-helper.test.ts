import * as path from 'path';
import { AppkitApp } from '../../lib/app/appkit-app';
import { removeWorkspaces, runFixtureAsync, workspace } from './tree';

afterAll(removeWorkspaces);

const PROP_ERROR = '[production/shop/storefront] port must be between 1 and 65535, got 70000: pick a valid TCP port';

describe('AppkitApp.run as the program entry point', () => {
  // Both programs run at once; each test awaits its own.
  let validationFailure: ReturnType<typeof runFixtureAsync>;
  let constructFailure: ReturnType<typeof runFixtureAsync>;
  beforeAll(() => {
    validationFailure = runFixtureAsync({ FIXTURE_OUTDIR: path.join(workspace(), 'dist'), FIXTURE_FAIL_CHART: '2' });
    constructFailure = runFixtureAsync({ FIXTURE_OUTDIR: path.join(workspace(), 'dist'), FIXTURE_THROW: PROP_ERROR });
  });

  test('fails with the validation errors on stderr, no stack trace, exit code 1', async () => {
    const run = await validationFailure;
    expect(run.stderr).toBe('error: Validation failed with the following errors:\n  [staging/svc-1] fixture chart 2 is broken on purpose\n');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
  }, 20_000);

  test('fails with a construct error as one sentence, no stack trace, exit code 1', async () => {
    const run = await constructFailure;
    expect(run.stderr).toBe(`error: ${PROP_ERROR}\n`);
    expect(run.status).toBe(1);
  }, 20_000);
});

describe('AppkitApp.run in process', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    process.exitCode = undefined;
  });

  test('leaves the exit code alone when main succeeds', () => {
    AppkitApp.run(() => undefined);
    expect(process.exitCode).toBeUndefined();
    expect(stderr).not.toHaveBeenCalled();
  });

  test('reports a rejected async main the same way', async () => {
    AppkitApp.run(async () => {
      throw new Error('chart failed');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stderr.mock.calls.map((c) => c[0])).toEqual(['error: chart failed\n']);
    expect(process.exitCode).toBe(1);
  });

  test('prints the stack trace when CDK8S_APPKIT_DEBUG=1', () => {
    process.env.CDK8S_APPKIT_DEBUG = '1';
    try {
      AppkitApp.run(() => {
        throw new Error(PROP_ERROR);
      });
    } finally {
      delete process.env.CDK8S_APPKIT_DEBUG;
    }
    expect(stderr.mock.calls[0][0]).toMatch(new RegExp(`^error: Error: ${PROP_ERROR.replace(/[[\]()]/g, '\\$&')}\n    at `));
    expect(process.exitCode).toBe(1);
  });

  test('reports a thrown non-Error value', () => {
    AppkitApp.run(() => {
      throw 'plain string'; // eslint-disable-line no-throw-literal
    });
    expect(stderr.mock.calls.map((c) => c[0])).toEqual(['error: plain string\n']);
    expect(process.exitCode).toBe(1);
  });
});
