// What main, the preload and the renderer agree on, owned by the bridge: the API the page sees, the IPC
// channels behind it, and the shortcut table the menu and the console share. Nothing here imports
// Electron, Node or the DOM, so every side type-checks it with its own settings.
export * from './desktopApi';
export * from './ipcChannels';
export * from './shortcuts';
