/**
 * The tasks module of `npm run demo:cluster`'s queue workers: each export is a task, called by name.
 */
export { countPrimes } from '../support/primeBatch';
