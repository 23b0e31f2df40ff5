import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ONLY_CONFIG_READS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config only.',
};
// docs/ARCHITECTURE.md "Who may write a case": the case repository is the one writer of cases and
// their audit events; everything else calls it.
const ONLY_CASE_REPOSITORY_WRITES_CASES = {
  selector:
    'CallExpression[callee.property.name=/^(create|createMany|update|updateMany|upsert|delete|deleteMany)$/][callee.object.property.name=/^(case|caseEvent)$/]',
  message: 'Only src/cases/case.repository.ts writes cases and case events: call one of its functions.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'src/db/generated/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ONLY_CONFIG_READS_ENV, ONLY_CASE_REPOSITORY_WRITES_CASES],
    },
  },
  {
    // Type-aware rules for the mistakes that broke promises before: a switch over a union that
    // forgets a member (an effect nobody runs), and a promise nobody awaits (a lost failure).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['src/cases/case.repository.ts'],
    rules: { 'no-restricted-syntax': ['error', ONLY_CONFIG_READS_ENV] },
  },
  {
    files: ['src/config/**', 'scripts/**', 'bin/**', 'test/**', 'bench/**', 'vitest*.ts', 'prisma.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
