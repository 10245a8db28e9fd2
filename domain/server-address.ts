// Where a desktop app's sync server is: an http(s) origin, the server living at the root of it. Main saves it
// and the console's first-run screen checks it before asking main, so both refuse the same input in the
// same words.

export type ServerAddressCheck = { ok: true; origin: string } | { ok: false; message: string };

/** The origin of an http(s) server address, or a sentence saying what is wrong with it. */
export function checkServerAddress(input: string): ServerAddressCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return {
      ok: false,
      message: `"${input}" is not a server address; use one like https://dispatch.example.com or http://127.0.0.1:4820.`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `The server address must start with http:// or https://, not ${url.protocol}//.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'The server address must not contain a user name or password.' };
  }
  return { ok: true, origin: url.origin };
}
