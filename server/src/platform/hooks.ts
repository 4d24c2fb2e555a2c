// Reactions between features without imports between them (DESIGN.md §3, decision 015). The feature where
// something happens declares a hook with `defineHook` (its name and the handler's type) and calls it; the
// composition root (server/src/hooks.ts) registers which other feature's function handles it. The platform
// names no feature. A hook is an event (any number of handlers, run in registration order, awaited, errors
// propagate to the caller's transaction) or a provider (exactly one handler, whose answer is returned).

// biome-ignore lint/suspicious/noExplicitAny: a handler's parameters are checked by the hook's own type.
type AnyHandler = (...args: any[]) => Promise<unknown>;

export type Hook<H extends AnyHandler> = {
  readonly name: string;
  readonly kind: 'event' | 'provider';
  /** Phantom: carries the handler's type from the declaration to `on`, `emit` and `ask`. */
  readonly handler?: H;
};

/** An event: zero or more handlers, each awaited in turn. */
export function defineEvent<Args extends unknown[]>(name: string): Hook<(...args: Args) => Promise<void>> {
  return { name, kind: 'event' };
}

/** A question the declaring feature cannot answer itself: exactly one handler answers. */
export function defineProvider<H extends AnyHandler>(name: string): Hook<H> {
  return { name, kind: 'provider' };
}

export type HookRegistry = {
  on<H extends AnyHandler>(hook: Hook<H>, handler: H): void;
  emit<Args extends unknown[]>(hook: Hook<(...args: Args) => Promise<void>>, ...args: Args): Promise<void>;
  ask<H extends AnyHandler>(hook: Hook<H>, ...args: Parameters<H>): ReturnType<H>;
  /** Whether a handler is registered (a feature shows what an optional provider answers only then). */
  isHandled<H extends AnyHandler>(hook: Hook<H>): boolean;
};

export function createHookRegistry(): HookRegistry {
  const handlers = new Map<string, AnyHandler[]>();
  const registered = (hook: Hook<AnyHandler>) => handlers.get(hook.name) ?? [];
  return {
    on(hook, handler) {
      const existing = registered(hook);
      if (hook.kind === 'provider' && existing.length > 0) {
        throw new Error(`hook ${hook.name}: a provider has one handler, and it is registered already`);
      }
      handlers.set(hook.name, [...existing, handler]);
    },
    async emit(hook, ...args) {
      for (const handler of registered(hook)) await handler(...args);
    },
    ask(hook, ...args) {
      const [handler] = registered(hook);
      if (!handler) throw new Error(`hook ${hook.name}: no provider registered (see server/src/hooks.ts)`);
      return handler(...args) as ReturnType<typeof hook.handler & AnyHandler>;
    },
    isHandled(hook) {
      return registered(hook).length > 0;
    },
  };
}
