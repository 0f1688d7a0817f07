import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Type errors are caught once by `tsc --noEmit` in `npm test`; here we only transpile, which is much faster.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  collectCoverageFrom: ['src/**/*.ts', 'operators/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  // Every test bounds its own time; this is the backstop.
  testTimeout: 30_000,
  // Worker pools spawn threads and processes; two jest workers suit a 2-core machine.
  maxWorkers: 2,
};

export default config;
