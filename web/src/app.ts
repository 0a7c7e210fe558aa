/**
 * The page: header (who is signed in, export), and the route from the URL hash: `#/` the list, `#/receipts/<id>`
 * one receipt. The list's state lives here so the receipt view knows the next and previous receipt, and going
 * back to the list keeps its filters, pages and scroll.
 */
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Receipt, ReceiptsApi } from './api.js';
import { type Session, signOut, startSession } from './auth.js';
import type { WebConfig } from './config.js';
import { errorText } from './format.js';
import { type ListState, ReceiptList } from './list.js';
import { ReceiptView } from './receipt-view.js';

function currentRoute(): { view: 'list' } | { view: 'receipt'; id: string } {
  const match = /^#\/receipts\/([^/]+)$/.exec(location.hash);
  return match?.[1] ? { view: 'receipt', id: decodeURIComponent(match[1]) } : { view: 'list' };
}

async function download(api: ReceiptsApi, format: 'csv' | 'json', list: ListState) {
  const { blob, fileName } = await api.export(format, list.filters);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function App({ config, session: initial }: { config: WebConfig; session: Session }) {
  const [session, setSession] = useState(initial);
  const [route, setRoute] = useState(currentRoute());
  const [list, setList] = useState<ListState>({ filters: {}, items: [] });
  const [error, setError] = useState<string>();
  const api = useMemo(() => new ReceiptsApi(config.apiUrl, () => session.token), [config, session]);

  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const switchUser = async (user: string) => {
    setList({ filters: {}, items: [] });
    setSession(await startSession(config, user));
    location.hash = '#/';
  };
  const exportAs = (format: 'csv' | 'json') =>
    download(api, format, list).then(
      () => setError(undefined),
      (failure: unknown) => setError(`Export failed: ${errorText(failure)}`),
    );
  const replace = (receipt: Receipt) =>
    setList((current) => ({
      ...current,
      items: current.items.map((item) => (item.id === receipt.id ? receipt : item)),
    }));

  const index = route.view === 'receipt' ? list.items.findIndex((item) => item.id === route.id) : -1;
  return html`<a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <a class="brand" href="#/">Receipts</a>
      <div class="export">
        <button type="button" onClick=${() => void exportAs('csv')}>Export CSV</button>
        <button type="button" onClick=${() => void exportAs('json')}>Export JSON</button>
      </div>
      ${
        session.users.length > 0
          ? html`<label class="user">
            Local user
            <select value=${session.user} onChange=${(event: Event) => void switchUser((event.currentTarget as HTMLSelectElement).value)}>
              ${session.users.map((user) => html`<option value=${user}>${user}</option>`)}
            </select>
          </label>`
          : html`<span class="user">${session.user} <button type="button" class="link" onClick=${() => signOut(config)}>Sign out</button></span>`
      }
    </header>
    ${error ? html`<p class="error banner" role="alert">${error}</p>` : null}
    ${
      route.view === 'receipt'
        ? html`<${ReceiptView}
          api=${api}
          id=${route.id}
          neighbours=${{
            previous: index > 0 ? list.items[index - 1]?.id : undefined,
            next: index >= 0 ? list.items[index + 1]?.id : undefined,
          }}
          onChanged=${replace}
          onDeleted=${(id: string) => {
            setList((current) => ({ ...current, items: current.items.filter((item) => item.id !== id) }));
            location.hash = '#/';
          }}
        />`
        : html`<${ReceiptList} api=${api} state=${list} setState=${setList} />`
    }`;
}
