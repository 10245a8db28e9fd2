// Sets the colour scheme before the first paint. Mantine sets it only once the app's code runs, so a
// dispatcher in dark mode saw a white page first. A file, not an inline script: the CSP allows only
// 'self' scripts. Same storage key and values as App.tsx's colour scheme manager.
/* global localStorage, matchMedia, document */
(function () {
  var chosen = null;
  try {
    chosen = localStorage.getItem('mantine-color-scheme-value');
  } catch {
    // Storage refused (a locked-down profile): follow the system.
  }
  var scheme =
    chosen === 'light' || chosen === 'dark'
      ? chosen
      : matchMedia('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
