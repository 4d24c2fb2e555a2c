// The one `expand[]` implementation: replaces ids with the objects they name, follows nested paths
// (`latest_charge.balance_transaction`), and fills "includable" fields such as `charge.refunds`.
import type { Emu } from './context.ts';
import { invalidRequest } from './errors.ts';

type JsonObject = Record<string, unknown>;

/** Fields absent unless expanded, computed from the owning object (keyed by its `object` value). */
export type Includables = Record<string, Record<string, (emu: Emu, owner: JsonObject) => unknown>>;

type PathTree = Map<string, PathTree>;

const MAX_DEPTH = 4;

/** Fields that hold an id (or null) in the objects the emulator serves; only these expand. */
const EXPANDABLE = new Set([
  'balance_transaction',
  'charge',
  'customer',
  'default_payment_method',
  'destination',
  'failure_balance_transaction',
  'latest_charge',
  'original_payout',
  'payment_intent',
  'payment_method',
  'product',
  'reversed_by',
  'setup_intent',
  'source',
]);

function buildTree(paths: string[]): PathTree {
  const root: PathTree = new Map();
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`,
        {
          param: 'expand',
        },
      );
    }
    let node = root;
    for (const segment of segments) {
      let child = node.get(segment);
      if (!child) {
        child = new Map();
        node.set(segment, child);
      }
      node = child;
    }
  }
  return root;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expandNode(
  emu: Emu,
  includables: Includables,
  owner: JsonObject,
  tree: PathTree,
  path: string,
): void {
  for (const [field, children] of tree) {
    const fieldPath = path ? `${path}.${field}` : field;
    const include = includables[String(owner.object)]?.[field];
    let value = owner[field];
    if (value === undefined && include) value = include(emu, owner);
    else if (typeof value === 'string' || value === null) {
      const found = typeof value === 'string' ? emu.store.getAny(value) : undefined;
      if (!found && !EXPANDABLE.has(field)) {
        throw invalidRequest(`This property cannot be expanded (${fieldPath}).`, { param: 'expand' });
      }
      value = found ?? value;
    } else if (typeof value !== 'object') {
      throw invalidRequest(`This property cannot be expanded (${fieldPath}).`, { param: 'expand' });
    }
    owner[field] = value;
    if (children.size === 0 || value === null) continue;
    const targets = Array.isArray(value)
      ? value
      : isObject(value) && value.object === 'list'
        ? value.data
        : [value];
    for (const target of targets as unknown[]) {
      if (isObject(target)) expandNode(emu, includables, target, children, fieldPath);
    }
  }
}

/** Expands `paths` in place on an object, or on each item of a list (paths then start with `data.`). */
export function expandResult(emu: Emu, includables: Includables, result: unknown, paths: string[]): unknown {
  if (paths.length === 0 || !isObject(result)) return result;
  if (result.object === 'list' && Array.isArray(result.data)) {
    const inner = paths.map((path) => {
      if (!path.startsWith('data.')) {
        throw invalidRequest(
          `This property cannot be expanded (${path}). You may want to try expanding 'data.${path}' instead.`,
          { param: 'expand' },
        );
      }
      return path.slice('data.'.length);
    });
    const tree = buildTree(inner);
    for (const item of result.data) if (isObject(item)) expandNode(emu, includables, item, tree, '');
    return result;
  }
  expandNode(emu, includables, result, buildTree(paths), '');
  return result;
}
