import { compileCriteria } from '../../core/filter.js';
import type { Store } from '../../core/store.js';
import { toCondition, type GroupDraft } from './filter-model.js';

/**
 * Row tests one refresh may spend, summed over conditions. Past it the
 * remaining conditions show no count, so a large buffer with many conditions
 * cannot stall the page.
 */
const MAX_ROW_TESTS = 2_000_000;

/**
 * Counts the held rows that each valid condition matches on its own, by draft
 * key. Disabled conditions are counted too, so a user can see what enabling one
 * would select.
 */
export function countMatches(root: GroupDraft, store: Store): Map<number, number> {
  const counts = new Map<number, number>();
  let budget = MAX_ROW_TESTS;
  const visit = (group: GroupDraft): void => {
    for (const child of group.children) {
      if (child.type === 'group') {
        visit(child);
        continue;
      }
      if (budget < store.size) return;
      const result = toCondition(child);
      if (!result.ok) continue;
      const matches = compileCriteria({ logic: 'and', conditions: [result.condition] }, store);
      let count = 0;
      for (let row = store.start; row < store.end; row++) {
        if (matches(row)) count++;
      }
      budget -= store.size;
      counts.set(child.key, count);
    }
  };
  visit(root);
  return counts;
}
