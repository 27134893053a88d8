/** Direct calls to the server's public API from the test process (another user's actions). */
import { type APIRequestContext, request } from '@playwright/test';

export class ServerApi {
  private constructor(
    readonly http: APIRequestContext,
    readonly token: string,
    readonly user: { id: string; username: string },
  ) {}

  static async as(baseURL: string, username: string): Promise<ServerApi> {
    const http = await request.newContext({ baseURL });
    const res = await http.post('/api/dev/login', { data: { username } });
    if (!res.ok()) throw new Error(`dev login ${username}: ${res.status()}`);
    const { token, user } = await res.json();
    return new ServerApi(http, token, user);
  }

  private headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  async like(targetId: string) {
    const res = await this.http.post('/api/swipes', { data: { targetId, like: true }, headers: this.headers() });
    if (!res.ok()) throw new Error(`swipe: ${res.status()} ${await res.text()}`);
    return res.json();
  }

  /** Total Socket.IO connections this server has accepted (Prometheus counter). */
  async connectionsTotal(): Promise<number> {
    const text = await (await this.http.get('/metrics')).text();
    const line = text.split('\n').find((l) => l.startsWith('flint_socket_connections_total'));
    if (!line) throw new Error('flint_socket_connections_total missing from /metrics');
    return Number(line.split(' ').at(-1));
  }

  async dispose() {
    await this.http.dispose();
  }
}
