/** `/admin` (role admin only): the server's connection mode, live connection statistics, this tab's socket. */

import { ConnectionMode, type ConnectionStats, QUALITY_LEVELS, type QualitySummary } from '@flint/shared';
import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api } from '../api/api.ts';
import { $websocketBlocked } from '../app/websocket-blocked.ts';
import type { Locale } from '../i18n/locale.ts';
import { type StringKey, t } from '../i18n/strings.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { $session } from '../session/session.ts';
import { StoreBinding } from './bindings.ts';
import { pageStyles } from './page-styles.ts';
import { PollController } from './poll-controller.ts';

/** How often statistics are refreshed while the page is shown. */
export const STATS_INTERVAL_MS = 2000;

type Connection = ReturnType<RealtimeStore['$connection']['get']>;

export class FlintAdminPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      fieldset {
        border: 1px solid #e4dce8;
        border-radius: 0.75rem;
        display: flex;
        flex-wrap: wrap;
        column-gap: 1.5rem;
      }
      fieldset label {
        display: inline-flex;
        align-items: center;
        white-space: nowrap;
        min-height: 2.75rem;
        gap: 0.4rem;
        font-weight: 400;
        margin: 0;
      }
      /* A wide table scrolls inside itself on a phone; the page never scrolls sideways. */
      table {
        border-collapse: collapse;
        display: block;
        max-width: 100%;
        overflow-x: auto;
      }
      th,
      td {
        text-align: left;
        padding: 0.25rem 1rem 0.25rem 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0 0 0.5rem;
      }
    `,
  ];

  @property() locale: Locale = 'en';

  @consume({ context: realtimeContext, subscribe: true })
  @property({ attribute: false })
  realtime: RealtimeStore | null = null;

  @state() private stats: ConnectionStats | null = null;
  @state() private quality: QualitySummary | null = null;
  @state() private error = '';
  @state() private modeStatus = '';
  /** The mode the admin just picked, shown while the server applies it (a poll must not undo it). */
  @state() private pendingMode: ConnectionMode | null = null;
  /** Bumped by every mode change, so a poll that started before it cannot report the old mode. */
  private modeChanges = 0;

  private readonly session = new StoreBinding(this, null, $session);
  private readonly connection = new StoreBinding<Connection | null>(this, null);
  private readonly websocketBlocked = new StoreBinding(this, false, $websocketBlocked);

  constructor() {
    super();
    new PollController(
      this,
      STATS_INTERVAL_MS,
      () => void this.refresh(),
      () => this.isAdmin,
    );
  }

  private get isAdmin(): boolean {
    return this.session.value?.user.role === 'admin';
  }

  protected override willUpdate(): void {
    this.connection.use(this.realtime?.$connection ?? null);
  }

  override render() {
    const l = this.locale;
    if (!this.isAdmin) return html`<h1>${t(l, 'admin.title')}</h1><p role="alert">${t(l, 'admin.forbidden')}</p>`;
    return html`
      <h1>${t(l, 'admin.title')}</h1>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      ${this.renderMode()}
      <h2>${t(l, 'admin.stats')}</h2>
      ${this.stats ? this.renderStats(this.stats) : html`<p>${t(l, 'common.loading')}</p>`}
      ${this.quality ? this.renderQuality(this.quality) : null}
      <h2>${t(l, 'admin.thisTab')}</h2>
      ${this.renderConnection(this.connection.value)}
    `;
  }

  private renderMode() {
    const l = this.locale;
    const current = this.pendingMode ?? this.stats?.mode;
    return html`<fieldset>
        <legend>${t(l, 'admin.mode')}</legend>
        ${Object.values(ConnectionMode).map(
          (mode) => html`<label>
            <input type="radio" name="mode" value=${mode} .checked=${live(current === mode)} @change=${() => this.setMode(mode)} />
            ${t(l, `admin.mode.${mode}`)}
          </label>`,
        )}
      </fieldset>
      <p role="status">${this.modeStatus}</p>`;
  }

  private renderStats(s: ConnectionStats) {
    const l = this.locale;
    return html`${this.websocketBlocked.value ? html`<p role="alert" data-testid="websocket-blocked">${t(l, 'admin.websocketBlocked')}</p>` : null}
      <dl>
        <dt>${t(l, 'admin.usersOnline')}</dt>
        <dd data-stat="users-online">${s.usersOnline}</dd>
        <dt>${t(l, 'admin.sockets')}</dt>
        <dd data-stat="sockets">${s.sockets}</dd>
      </dl>
      <table>
        <caption class="muted">${t(l, 'admin.transports')}</caption>
        <thead>
          <tr><th scope="col">${t(l, 'admin.transport')}</th><th scope="col">${t(l, 'admin.sockets')}</th></tr>
        </thead>
        <tbody>
          ${Object.entries(s.transports).map(([name, n]) => html`<tr><th scope="row">${name}</th><td>${n}</td></tr>`)}
        </tbody>
      </table>`;
  }

  /** Per stage: sessions measured and samples per level, each with its share of the stage's samples. */
  private renderQuality(q: QualitySummary) {
    const l = this.locale;
    const share = (n: number, total: number) => (total === 0 ? '' : ` (${Math.round((100 * n) / total)} %)`);
    return html`<h2>${t(l, 'admin.quality', { hours: q.hours })}</h2>
      ${
        q.stages.length === 0
          ? html`<p data-quality="none">${t(l, 'admin.quality.none')}</p>`
          : html`<table data-quality="stages">
            <caption class="muted">${t(l, 'admin.quality.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">${t(l, 'admin.quality.stage')}</th>
                <th scope="col">${t(l, 'admin.quality.sessions')}</th>
                ${QUALITY_LEVELS.map((level) => html`<th scope="col">${t(l, `admin.quality.${level}`)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${q.stages.map((row) => {
                const total = QUALITY_LEVELS.reduce((sum, level) => sum + row.samples[level], 0);
                return html`<tr data-stage=${row.stage}>
                  <th scope="row">${row.stage}</th>
                  <td>${row.sessions}</td>
                  ${QUALITY_LEVELS.map((level) => html`<td data-level=${level}>${row.samples[level]}${share(row.samples[level], total)}</td>`)}
                </tr>`;
              })}
            </tbody>
          </table>`
      }`;
  }

  private renderConnection(c: Connection | null) {
    const l = this.locale;
    if (!c) return html`<p>${t(l, 'admin.realtimeUnavailable')}</p>`;
    return html`<dl>
      <dt>${t(l, 'admin.status')}</dt>
      <dd data-connection="status">${t(l, `connection.status.${c.status}` as StringKey)}</dd>
      <dt>${t(l, 'admin.transport')}</dt>
      <dd data-connection="transport">${c.transport ?? '—'}</dd>
      <dt>${t(l, 'admin.socketId')}</dt>
      <dd data-connection="socket-id">${c.socketId ?? '—'}</dd>
    </dl>`;
  }

  private async refresh(): Promise<void> {
    const changes = this.modeChanges;
    try {
      const [stats, quality] = await Promise.all([api.stats(), api.callQuality()]);
      this.quality = quality;
      this.stats = changes === this.modeChanges || !this.stats ? stats : { ...stats, mode: this.stats.mode };
      this.error = '';
    } catch {
      this.error = t(this.locale, 'admin.statsFailed');
    }
  }

  private async setMode(mode: ConnectionMode): Promise<void> {
    this.modeStatus = '';
    this.pendingMode = mode;
    this.modeChanges += 1;
    try {
      const applied = await api.setConnectionMode(mode);
      if (this.stats) this.stats = { ...this.stats, mode: applied.mode };
      // This tab at once: a socket the proxy refuses never hears the server's push.
      this.realtime?.setConnectionMode(applied.mode);
      this.modeStatus = t(this.locale, 'admin.modeSet', { mode: t(this.locale, `admin.mode.${applied.mode}`) });
    } catch {
      // The radio of the mode still in force is checked again.
      this.error = t(this.locale, 'admin.modeFailed');
    } finally {
      if (this.pendingMode === mode) this.pendingMode = null;
    }
  }
}

const tag = 'flint-admin-page';
if (!customElements.get(tag)) customElements.define(tag, FlintAdminPage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-admin-page': FlintAdminPage;
  }
}
