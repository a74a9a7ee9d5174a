import type { RuleCatalog } from './RuleCatalog.js';
import { actionModifiers } from './ruleFileSchema.js';

/**
 * Params that fell out of their action as list items of their own (`- http:` then `- url: …`): each
 * such item by index, with the message on the first one and '' on the others and on the empty action.
 */
export function strayParams(
  items: readonly Record<string, unknown>[],
  catalog: RuleCatalog,
): Map<number, string> {
  const out = new Map<number, string>();
  const known = catalog.knownActions();
  const paramNames = (action: string): string[] => {
    const specs = [
      catalog.actionSpec(action),
      ...[...catalog.instances.keys()].map((i) => catalog.actionSpec(action, i)),
    ];
    return specs.flatMap((spec) => Object.keys((spec?.params.properties as object | undefined) ?? {}));
  };
  items.forEach((item, index) => {
    const names = Object.keys(item).filter((k) => !(actionModifiers as readonly string[]).includes(k));
    const action = names[0];
    if (names.length !== 1 || action === undefined || !known.has(action) || item[action] !== null) return;
    const params = new Set(paramNames(action));
    const fallen: string[] = [];
    for (let next = index + 1; next < items.length; next++) {
      const keys = Object.keys(items[next] as object);
      if (keys.length === 0 || known.has(keys[0] as string) || !keys.every((k) => params.has(k))) break;
      fallen.push(...keys);
      out.set(next, '');
    }
    if (fallen.length === 0) return;
    out.set(index, '');
    out.set(index + 1, misIndentedMessage(fallen, action, ', without `- `'));
  });
  return out;
}

/** `mis-indented \`url:\`, \`method:\`: indent them under \`http:\`, more than \`http\` itself`. */
function misIndentedMessage(keys: readonly string[], action: string, extra: string): string {
  const list = keys.map((k) => `\`${k}:\``).join(', ');
  const them = keys.length === 1 ? 'it' : 'them';
  return `mis-indented ${list}: indent ${them} under \`${action}:\`, more than \`${action}\` itself${extra}`;
}

/** Why an action item does not hold exactly one action, with the likely cause (a mis-indented block). */
export function actionItemShapeMessage(
  item: Record<string, unknown>,
  names: string[],
  catalog: RuleCatalog,
): string {
  if (names.length === 0) return 'an action item needs one action (e.g. `http:`), found only modifiers';
  const known = catalog.knownActions();
  const empty = names.filter((n) => known.has(n) && (item[n] === null || item[n] === undefined));
  if (empty.length === 1) {
    const action = empty[0] as string;
    const strays = names.filter((n) => n !== action);
    return misIndentedMessage(strays, action, '');
  }
  const list = names.map((n) => `\`${n}\``).join(', ');
  return `an action item holds exactly one action, found ${list}; start each action with \`- \``;
}
