export { PgStore } from './store';
export { DIRECTORY_CHANNEL } from './writer';
