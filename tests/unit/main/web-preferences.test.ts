import { describe, expect, it } from 'vitest';
import { REQUIRED_WEB_PREFERENCES, secureWebPreferences } from '../../../main/web-preferences';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs', ['--dispatch-app-version=1.2.3']);
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      additionalArguments: ['--dispatch-app-version=1.2.3'],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(preferences).toMatchObject(REQUIRED_WEB_PREFERENCES);
  });

  it('names every required setting explicitly, not through Electron defaults', () => {
    const preferences = secureWebPreferences('/p');
    for (const key of Object.keys(REQUIRED_WEB_PREFERENCES)) expect(preferences, key).toHaveProperty(key);
  });
});
