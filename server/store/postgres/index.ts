export { PgStore } from './store';
