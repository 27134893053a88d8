/**
 * The text of the element's aria-live region: the FSM's `announce` effects, plus the decision
 * countdown spoken again at 10 and 5 seconds while this side has not voted yet.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type AnnounceKey, type CallSnapshot, CallState } from '../fsm/index.ts';
import type { Translate } from '../i18n/index.ts';
import { secondsLeft } from './format.ts';

const SPOKEN_SECONDS = new Set([10, 5]);

export interface AnnouncerSource {
  snapshot(): CallSnapshot;
  t(): Translate;
  now(): number;
}

export class Announcer implements ReactiveController {
  text = '';
  #spoken = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: AnnouncerSource,
  ) {
    host.addController(this);
  }

  /** An FSM announcement; `seconds` (left to decide) is offered to every message that wants it. */
  say(key: AnnounceKey, params: Record<string, string | number>): void {
    const seconds = secondsLeft(this.source.snapshot().context.decisionEndsAt, this.source.now());
    this.text = this.source.t()(key, { seconds, ...params });
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const { state, context } = this.source.snapshot();
    if (state !== CallState.INTERMISSION || context.myVote !== null) return;
    const seconds = secondsLeft(context.decisionEndsAt, this.source.now());
    if (SPOKEN_SECONDS.has(seconds) && seconds !== this.#spoken) {
      this.#spoken = seconds;
      this.text = this.source.t()('ui.secondsLeft', { seconds });
    }
  }
}
