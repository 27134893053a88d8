// The BDD globals web-test-runner's mocha defines in the page (no @types/mocha in this repo).
// Functions, not consts, so another declaration of the same globals merges instead of clashing.
type MochaBody = (this: unknown) => void | Promise<void>;
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaBody): void;
declare function before(body: MochaBody): void;
declare function after(body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;
