/**
 * A Lit controller that holds something only while its host is connected: `restart()` runs when
 * the host connects, when it disconnects (with `connected` false, to let go) and whenever the
 * subclass's inputs change. A subclass adds itself to its host (`host.addController(this)`) in its
 * own constructor, after its fields exist.
 */
import type { ReactiveController } from 'lit';

export abstract class ConnectedController implements ReactiveController {
  protected connected = false;

  hostConnected(): void {
    this.connected = true;
    this.restart();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.restart();
  }

  /** Lets go of what is held and, when connected and the inputs allow, holds it anew. */
  protected abstract restart(): void;
}
