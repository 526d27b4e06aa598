// Usage summed per price, so a run whose roles use different models is costed at each model's price.
// With one price this is exactly the old arithmetic: the cost of the summed tokens at that price.

import { addUsage, type Usage, ZERO_USAGE } from './model-port.js';
import { costOf, costWithoutCache } from './prices.js';
import type { ModelPrice } from './tasks.js';

function priceKey(p: ModelPrice): string {
  return `${p.input}/${p.output}/${p.cacheWrite}/${p.cacheRead}`;
}

export class CostTally {
  private readonly groups = new Map<string, { price: ModelPrice; usage: Usage }>();
  private total: Usage = ZERO_USAGE;

  add(usage: Usage, price: ModelPrice): void {
    this.total = addUsage(this.total, usage);
    const key = priceKey(price);
    const group = this.groups.get(key);
    if (group) group.usage = addUsage(group.usage, usage);
    else this.groups.set(key, { price, usage: addUsage(ZERO_USAGE, usage) });
  }

  get usage(): Usage {
    return { ...this.total };
  }

  // Costs come from the summed token counts of each price rather than from per-call sums, so rounding
  // never drifts.
  get costUsd(): number {
    let sum = 0;
    for (const g of this.groups.values()) sum += costOf(g.usage, g.price);
    return sum;
  }

  get costUsdWithoutCache(): number {
    let sum = 0;
    for (const g of this.groups.values()) sum += costWithoutCache(g.usage, g.price);
    return sum;
  }
}
