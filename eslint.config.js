// Lint: typescript-eslint's recommended rules plus the project's one hard rule: no provider barrels.
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', 'cdktf.out/**', 'dist/**', 'report/**', '.orquesta/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['@cdktf/provider-aws', '@cdktf/provider-google', '@cdktf/provider-azurerm'].map((name) => ({
            name,
            message: 'Deep-import the provider class (e.g. @cdktf/provider-aws/lib/eks-cluster): the barrel makes compile and synth ~10x slower.',
          })),
        },
      ],
    },
  },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
