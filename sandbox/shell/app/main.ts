/**
 * The shell's entry: reads the config, installs Xrm, reads the app it shows (config.app), renders
 * the top bar (the app's name), the app's SiteMap as the left navigation, the main area and the
 * Xero side panel, and routes by hash: `#/dashboard/<id>`, `#/list/<table>[/<view id>]`,
 * `#/form/<table>/<id>`, `#/webresource/<name>`.
 */
import { installXrm, type ShellNavigator } from '../xrm';
import { loadApp } from './appModule';
import { DataverseClient, type ShellConfig } from './dataverse';
import { clear, h } from './dom';
import { renderDashboardPage } from './dashboard/dashboardPage';
import { renderFormPage } from './formPage';
import { renderListPage } from './listPage';
import type { ShellServices } from './services';
import { parseSiteMap } from './siteMap';
import { createXeroPanel } from './xeroPanel';

async function boot(): Promise<void> {
  const root = document.getElementById('shell') as HTMLElement;
  const config = (await (await fetch('/config.json')).json()) as ShellConfig;
  const client = new DataverseClient(config);
  let writeListeners: ((entity: string, id: string) => void)[] = [];
  const navigator: ShellNavigator = {
    openForm: (entity, id) => {
      window.location.hash = `#/form/${entity}/${(id ?? '').replace(/[{}]/g, '').toLowerCase()}`;
    },
    openWebResource: (name, data) => {
      window.location.hash = `#/webresource/${name}${data ? `?data=${encodeURIComponent(data)}` : ''}`;
    },
    recordWritten: (entity, id) => {
      for (const listener of writeListeners) listener(entity, id);
    },
  };
  const webApi = installXrm(client, navigator);
  const app = await loadApp(client, config.app);
  const services: ShellServices = {
    client,
    app,
    webApi,
    navigator,
    onRecordWritten: (listener) => writeListeners.push(listener),
  };

  const appName = app.name;
  const areas = parseSiteMap(app.siteMapXml);
  const nav = h('nav', { className: 'sitemap', 'aria-label': 'Site map' });
  for (const area of areas) {
    nav.append(h('div', { className: 'area-title' }, area.title));
    for (const group of area.groups) {
      nav.append(
        h(
          'div',
          { className: 'group' },
          h('div', { className: 'group-title' }, group.title),
          ...group.subAreas.map((s) => h('a', { href: s.href, 'data-subarea': s.id }, s.title)),
        ),
      );
    }
  }
  const main = h('main', { className: 'main', id: 'main' });
  clear(root);
  root.removeAttribute('aria-busy');
  root.append(
    h(
      'div',
      { className: 'top-bar' },
      h('span', { className: 'waffle', 'aria-hidden': 'true' }, '▦'),
      h('span', { className: 'app-name' }, appName),
      h('span', { className: 'user' }, 'Dana Demo'),
    ),
    h('div', { className: 'body' }, nav, main, createXeroPanel()),
  );

  let teardown: (() => void) | undefined;
  const route = async () => {
    teardown?.();
    teardown = undefined;
    writeListeners = [];
    clear(main);
    const hash = window.location.hash || areas[0]?.groups[0]?.subAreas[0]?.href || '';
    for (const link of Array.from(nav.querySelectorAll('a')))
      link.classList.toggle('active', hash.startsWith(link.getAttribute('href') ?? '\u0000'));
    const [, kind, ...rest] = hash.replace(/^#/, '').split('/');
    try {
      if (kind === 'dashboard') teardown = await renderDashboardPage(main, services, rest[0]);
      else if (kind === 'list') teardown = await renderListPage(main, services, rest[0], rest[1]);
      else if (kind === 'form') teardown = await renderFormPage(main, services, rest[0], rest[1] ?? '');
      else if (kind === 'webresource') {
        const name = rest.join('/');
        main.append(
          h('iframe', {
            className: 'webresource',
            title: name,
            src: `${config.dataverseUrl}/WebResources/${name}`,
          }),
        );
      }
    } catch (error) {
      main.append(
        h(
          'div',
          { className: 'notification error' },
          `This page could not open: ${(error as Error).message}`,
        ),
      );
    }
    main.setAttribute('data-ready', hash);
  };
  window.addEventListener('hashchange', () => void route());
  await route();
}

void boot();
