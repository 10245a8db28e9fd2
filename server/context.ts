import type { TokenIssuer } from './auth';
import type { Directory } from './directory';
import type { Logger } from './log';
import type { LoginThrottle } from './loginThrottle';
import type { PasswordHasher } from './passwords';
import type { Sessions } from './sessions';
import type { CommandPipeline } from './pipeline';
import type { ServerSettings } from './settings';
import type { Store } from './store/types';

/** What the transports (socket, REST), the demo loader and the tests share of a running server. */
export interface ServerContext {
  store: Store;
  directory: Directory;
  pipeline: CommandPipeline;
  tokens: TokenIssuer;
  passwords: PasswordHasher;
  sessions: Sessions;
  logins: LoginThrottle;
  settings: ServerSettings;
  log: Logger;
  clock: () => number;
}
