// Starts opening the console's local database while the app's code loads (the cold start: bench/README.md):
// the browser opens the database's files meanwhile, and the app's own open (renderer/data/open.ts) finds
// them open. Web mode only, for the session the app will open: the session's storage key is kit/session.ts's
// and the name data/db.ts's databaseName (tests/unit/renderer/app/open-database.test.ts holds them to it).
// It reads nothing, never creates a database, and closes at once when an upgrade needs it to.
/* global window, localStorage, indexedDB, location, setTimeout */
(function () {
  try {
    if (window.dispatchDesktop || !window.indexedDB) return;
    var session = JSON.parse(localStorage.getItem('dispatch.session') || 'null');
    if (!session || !session.user || session.serverUrl !== location.origin) return;
    var request = indexedDB.open('dispatch:' + location.host + ':' + session.user.id);
    request.onupgradeneeded = function () {
      // No such database: the app creates it, with its schema.
      request.transaction.abort();
    };
    request.onerror = function (event) {
      event.preventDefault();
    };
    request.onsuccess = function () {
      var db = request.result;
      db.onversionchange = function () {
        db.close();
      };
      // Held while the app opens its own connections.
      setTimeout(function () {
        db.close();
      }, 10000);
    };
  } catch {
    // Storage refused, or no session the app could open: it opens the database as it always does.
  }
})();
