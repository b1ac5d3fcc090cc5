/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // type checking is `tsc --noEmit` in `npm test`; jest only transpiles (tsconfig has isolatedModules)
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false },
};
