// ESLint 9 flat config: eslint's and typescript-eslint's recommended rules (syntax only, no type
// information, so `npm test` stays fast), plus a few habits of this codebase. imports/ is
// generated (cdk8s import) and never linted.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['imports/**', 'build/**', 'dist/**', 'node_modules/**', 'coverage/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      'no-throw-literal': 'error',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      // Dependencies: library code may only import what package.json lists as a dependency or peer.
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['fast-check', 'jest', '@jest/*', 'ts-node', 'ts-jest', 'cdk8s-cli', 'typescript'], message: 'a dev dependency: only tests, bench and tools may import it' }],
      }],
    },
  },
  {
    // CommonJS entry points and scripts
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    // Tests and bench may use dev dependencies; they require() modules lazily or fresh, and
    // their manifest fixtures are free-form JSON (any).
    files: ['test/**', 'bench/**'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Programs that talk to a terminal.
    files: ['bench/**', 'bin/**', 'lib/cli/**', 'test/fixtures/consumer*/**'],
    rules: { 'no-console': 'off' },
  },
);
