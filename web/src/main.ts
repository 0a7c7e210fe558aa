/** Entry point: read config.json, sign in, render the app; a failure shows what to do instead of a blank page. */
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.js';
import { startSession } from './auth.js';
import { loadConfig } from './config.js';
import { errorText } from './format.js';

const root = document.getElementById('app');
if (root) {
  try {
    const config = await loadConfig();
    const session = await startSession(config);
    render(html`<${App} config=${config} session=${session} />`, root);
  } catch (error) {
    render(
      html`<main class="fatal"><h1>The page could not start</h1><p role="alert">${errorText(error)}</p></main>`,
      root,
    );
  }
}
