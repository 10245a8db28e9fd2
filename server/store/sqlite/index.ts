export { SqliteStore } from './store';
