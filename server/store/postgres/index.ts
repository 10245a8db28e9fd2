export { PgStore } from './store';
export { PgSessionStore } from './sessions';
export { PgLoginCounts } from './loginCounts';
export { databaseTokenKey } from './tokenKey';
export { DIRECTORY_CHANNEL } from './transaction';
